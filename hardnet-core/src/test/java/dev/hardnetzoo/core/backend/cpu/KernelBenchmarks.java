package dev.hardnetzoo.core.backend.cpu;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the CPU backend's hot kernels at HarDNet layer sizes. The {@code gflops}
 * counter is the kernel's useful work rate in GFLOP/s (2 FLOPs per multiply-add for convs, one
 * per window element read for pooling); {@code impl} compares the Vector API kernels with the
 * plain-Java fallback in the same run. Run with (see hardnet-core's pom, profile jmh):
 * {@code ./mvnw -B -q -pl hardnet-core -Pjmh test-compile exec:exec -Djmh.args="KernelBenchmarks"}.
 * On a shared machine, {@link KernelCpuRates} rates the same kernels by CPU time instead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmarks {

    /** Work done, reported by JMH as a rate: GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        public double gflops;
    }

    /** One conv layer in a dense arena: input then output. */
    @State(Scope.Benchmark)
    public static class Conv {
        /**
         * kind:inC:outC:size: conv3x3 and conv1x1 are HarDNet-68's heaviest (Winograd, then the direct
         * kernel's narrow layers: 310:58 and DenseNet-121's 128:32), dw3x3/dw3x3s2 HarDNet-68DS's.
         */
        @Param({"conv3x3:466:168:28", "conv3x3:142:68:56", "conv3x3:740:334:14", "conv3x3:1072:462:7",
                "conv3x3:310:58:28", "conv3x3:128:32:56", "conv1x1:328:320:28", "conv1x1:124:128:56",
                "dw3x3:256:256:56", "dw3x3s2:320:320:56"})
        public String layer;
        @Param({"vector", "scalar"})
        public String impl;
        @Param({"1", "2"})
        public int threads;

        BenchConv conv;
        ThreadPoolParallel par;

        @Setup(Level.Trial)
        public void setUp() {
            conv = BenchConv.of(layer, impl.equals("vector"));
            par = new ThreadPoolParallel(threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            par.close();
        }
    }

    /** HarDNet-68's pools: the stem's 3x3/2 max pool and a transition's 2x2/2. */
    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"max3x3s2:64:112", "max2x2s2:256:56", "avg2x2s2:256:56"})
        public String layer;
        @Param({"1", "2"})
        public int threads;

        BenchPool pool;
        ThreadPoolParallel par;

        @Setup(Level.Trial)
        public void setUp() {
            pool = BenchPool.of(layer);
            par = new ThreadPoolParallel(threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            par.close();
        }
    }

    @Benchmark
    public void conv(Conv s, Work work) {
        s.conv.run(s.par);
        work.gflops += s.conv.gflop();
    }

    @Benchmark
    public void pool(Pool s, Work work) {
        s.pool.run(s.par);
        work.gflops += s.pool.gops();
    }
}
