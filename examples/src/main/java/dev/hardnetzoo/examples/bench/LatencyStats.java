package dev.hardnetzoo.examples.bench;

import java.util.Arrays;

/** Wall-clock latencies of repeated runs, in milliseconds. */
public record LatencyStats(double minMs, double medianMs, double meanMs, int iterations) {

    /** The statistics of recorded times (at least one). */
    public static LatencyStats of(double[] times) {
        if (times.length < 1) throw new IllegalArgumentException("no recorded times");
        double[] ms = times.clone();
        Arrays.sort(ms);
        int n = ms.length;
        double median = n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
        return new LatencyStats(ms[0], median, Arrays.stream(ms).average().orElse(0), n);
    }

    /** One run's wall-clock time. */
    static double timeMs(Runnable run) {
        long t0 = System.nanoTime();
        run.run();
        return (System.nanoTime() - t0) / 1e6;
    }
}
