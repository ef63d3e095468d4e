package dev.hardnetzoo.core.backend.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The kernels of {@link KernelBenchmarks} on one thread, rated in GFLOP per CPU-second of that
 * thread (best of 8 runs of 0.3 s): unlike wall-clock rates, this stays meaningful on a machine
 * whose cores are shared with other work. Vector API and plain-Java kernels side by side.
 * Run with the test class path, e.g. through hardnet-core's jmh profile:
 * {@code ./mvnw -B -q -pl hardnet-core -Pjmh test-compile exec:exec -Djmh.main=dev.hardnetzoo.core.backend.cpu.KernelCpuRates -Djmh.args=}
 */
public final class KernelCpuRates {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private KernelCpuRates() {}

    /** Args: layers as kind:inC:outC:size (see {@link BenchConv}), optionally "--vector-only"; none = a standard set, pools and the FMA peak. */
    public static void main(String[] args) {
        boolean vectorOnly = java.util.Arrays.asList(args).contains("--vector-only");
        String[] given = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        String[] convs = given.length > 0 ? given : new String[] {"conv3x3:466:168:28", "conv3x3:142:68:56", "conv3x3:740:334:14", "conv3x3:1072:462:7",
            "conv3x3:32:64:112", "conv1x1:328:320:28", "conv1x1:124:128:56", "dw3x3:256:256:56", "dw3x3s2:320:320:56"};
        System.out.printf("%-22s %10s %10s  (GFLOP per CPU-second, 1 thread)%n", "layer", "vector", "plain");
        for (String layer : convs) {
            double vector = convRate(layer, true);
            String plain = vectorOnly ? "-" : String.format("%10.1f", convRate(layer, false));
            System.out.printf("%-22s %10.1f %10s%n", layer, vector, plain);
        }
        System.out.printf("%-22s %10.1f %10s  (the core's sustained peak: register-only FMAs)%n", "fma peak",
                bestRate(FmaPeak.GFLOP, FmaPeak::run), "-");
        if (given.length > 0) return;
        for (String layer : new String[] {"max3x3s2:64:112", "max2x2s2:256:56"}) {
            System.out.printf("%-22s %10.2f %10s%n", layer, poolRate(layer), "-");
        }
    }

    /** kind:inC:outC:size, as in {@link BenchConv}. */
    static double convRate(String layer, boolean vector) {
        BenchConv conv = BenchConv.of(layer, vector);
        return bestRate(conv.gflop(), () -> conv.run(KernelTesting.SERIAL));
    }

    static double poolRate(String layer) {
        BenchPool pool = BenchPool.of(layer);
        return bestRate(pool.gops(), () -> pool.run(KernelTesting.SERIAL));
    }

    private static double bestRate(double gflop, Runnable kernel) {
        double best = 0;
        for (int rep = 0; rep < 8; rep++) {
            int runs = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long spent;
            do {
                kernel.run();
                runs++;
                spent = CPU.getCurrentThreadCpuTime() - start;
            } while (spent < 300_000_000L);
            best = Math.max(best, runs * gflop / (spent / 1e9));
        }
        return best;
    }
}
