package dev.hardnetzoo.hardnetseg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.plan.HeapEstimate;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.hardnetseg.models.FcHarDNet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * FC-HarDNet-70 segments a full 2048x1024 Cityscapes-size image in a JVM whose -Xmx is the
 * heap {@code hardnet info fchardnet70 --size 1024x2048} recommends: the estimate is enough.
 */
class FullResolutionMemoryTest {

    @Test
    @Tag("slow")
    void runsAtCityscapesResolutionWithinTheEstimatedHeap() throws Exception {
        Path weights = RefData.ref("fchardnet70.safetensors");
        Path image = RefData.image("street01.jpg");
        HeapEstimate heap = HeapEstimate.of(FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 1024, 2048), 19));
        long xmxMiB = (heap.recommendedMaxHeapBytes() + (1 << 20) - 1) >> 20;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx" + xmxMiB + "m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), FullResolutionRun.class.getName(),
                "fchardnet70", weights.toString(), image.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("child JVM with -Xmx%dm said:%n%s", xmxMiB, output).isZero();
        assertThat(output).contains("2048x1024");
    }
}
