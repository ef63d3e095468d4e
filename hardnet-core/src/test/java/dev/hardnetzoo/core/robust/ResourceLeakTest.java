package dev.hardnetzoo.core.robust;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.Weights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loading, running and closing a model over and over keeps heap, off-heap buffers, open files
 * and threads flat; reading weights maps no memory, and closing them releases the file at once.
 */
class ResourceLeakTest {
    private static final Path WEIGHTS = RefData.ref("hardnet39ds.safetensors");

    /** What the JVM holds, as the platform MXBeans report it. */
    record Figures(long heapBytes, long directBytes, long mappedCount, long mappedBytes, long openFiles, int threads) {
        static Figures now() {
            for (int i = 0; i < 3; i++) System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long directBytes = 0;
            long mappedCount = 0;
            long mappedBytes = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) directBytes = pool.getMemoryUsed();
                if (pool.getName().equals("mapped")) {
                    mappedCount = pool.getCount();
                    mappedBytes = pool.getMemoryUsed();
                }
            }
            long files = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                    ? unix.getOpenFileDescriptorCount() : -1;
            return new Figures(memory.getHeapMemoryUsage().getUsed(), directBytes, mappedCount, mappedBytes, files,
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MiB, direct %.1f MiB, mapped %d buffers / %.1f MiB, open files %d, threads %d",
                    heapBytes / 1048576.0, directBytes / 1048576.0, mappedCount, mappedBytes / 1048576.0, openFiles, threads);
        }
    }

    @Test
    void readingWeightsMapsNothingAndClosingReleasesTheFile() {
        Figures before = Figures.now();
        Figures open;
        try (Weights w = Safetensors.open(WEIGHTS)) {
            for (String name : w.names()) w.tensor(name);
            open = Figures.now();
        }
        Figures after = Figures.now();
        System.out.println("weights read: before " + before + "\n  while open " + open + "\n  after close " + after);
        assertThat(open.mappedCount()).isEqualTo(before.mappedCount());
        assertThat(open.mappedBytes()).isEqualTo(before.mappedBytes());
        if (before.openFiles() >= 0) assertThat(open.openFiles()).isEqualTo(before.openFiles() + 1);
        assertThat(after.openFiles()).isEqualTo(before.openFiles());
    }

    @Test
    @Tag("slow")
    void loadingRunningAndClosingAModel200TimesLeaksNothing() throws Exception {
        cycle(10); // warm-up: class loading, JIT, lazily created pools
        Figures before = Figures.now();
        cycle(200);
        Figures after = Figures.now();
        System.out.println("200 x load/run/close hardnet39ds:\n  before " + before + "\n  after  " + after);
        assertThat(after.mappedCount()).as("mapped buffers").isEqualTo(before.mappedCount());
        assertThat(after.openFiles()).as("open files").isLessThanOrEqualTo(before.openFiles() + 2);
        assertThat(after.threads()).as("threads").isLessThanOrEqualTo(before.threads() + 2);
        assertThat(after.directBytes() - before.directBytes()).as("direct bytes").isLessThan(1 << 20);
        // One loaded model holds ~14 MiB of weights; 200 leaked would be ~2.8 GiB.
        assertThat(after.heapBytes() - before.heapBytes()).as("heap growth").isLessThan(32L << 20);
    }

    private static void cycle(int times) throws Exception {
        Tensor input = Tensor.zeros(Shape.nchw(1, 3, 32, 32));
        for (int i = 0; i < times; i++) {
            try (Model m = ModelZoo.load("hardnet39ds", WEIGHTS, Backends.DEFAULT, new BackendOptions(2))) {
                m.run(input);
            }
        }
    }
}
