package dev.hardnetzoo.examples.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Warm-up until the JIT has settled: a fixed number of runs is not enough on 2 cores, where the
 * compiler threads share the cores with the runs and compile the vector kernels for seconds
 * (HarDNet-39DS's median over 20 runs after 20 warm-up runs was 7.5-10 ms, against 5 ms once
 * compiled). Runs go on until {@link #QUIET_RUNS} in a row add no compilation time, for at most
 * {@link #MAX_WAIT}. Without a JIT compilation monitor (some VMs), it returns at once.
 */
final class JitWarmup {
    /** Consecutive runs without compilation that count as settled. */
    static final int QUIET_RUNS = 10;
    /** The longest extra warm-up. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private JitWarmup() {}

    /** Makes runs until the JIT is quiet, for at most {@link #MAX_WAIT}. */
    static void untilQuiet(Runnable run) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        int quiet = 0;
        long compiled = jit.getTotalCompilationTime();
        while (quiet < QUIET_RUNS && System.nanoTime() < deadline) {
            run.run();
            long now = jit.getTotalCompilationTime();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
        }
    }
}
