package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The runs of one engine on one input as they are made: the first (timed apart, it includes
 * compiling), the warm-up, then timed runs in one or more stretches, sampling peak memory.
 */
final class TimedRuns {
    private final Function<Tensor, List<Tensor>> engine;
    private final Tensor input;
    private final int warmup;
    private final MemoryProbe memory;
    private final List<Tensor> outputs;
    private final double firstRunMs;
    private double[] times = new double[0];

    private TimedRuns(Function<Tensor, List<Tensor>> engine, Tensor input, int warmup, MemoryProbe memory,
                      List<Tensor> outputs, double firstRunMs) {
        this.engine = engine;
        this.input = input;
        this.warmup = warmup;
        this.memory = memory;
        this.outputs = outputs;
        this.firstRunMs = firstRunMs;
    }

    /** Makes the first run, the {@code warmup} unrecorded ones, and more until the JIT has settled ({@link JitWarmup}). */
    static TimedRuns start(Function<Tensor, List<Tensor>> engine, Tensor input, int warmup, MemoryProbe memory) {
        return start(engine, input, warmup, memory, true);
    }

    /** As {@link #start(Function, Tensor, int, MemoryProbe)}; {@code settleJit} false skips waiting for the JIT (tests). */
    static TimedRuns start(Function<Tensor, List<Tensor>> engine, Tensor input, int warmup, MemoryProbe memory,
                           boolean settleJit) {
        if (warmup < 0) throw new IllegalArgumentException("warm-up runs must be at least 0, got " + warmup);
        long t0 = System.nanoTime();
        List<Tensor> outputs = engine.apply(input);
        double firstRunMs = (System.nanoTime() - t0) / 1e6;
        memory.sample();
        TimedRuns runs = new TimedRuns(engine, input, warmup, memory, outputs, firstRunMs);
        for (int i = 0; i < warmup; i++) runs.run();
        if (settleJit) JitWarmup.untilQuiet(runs::run);
        return runs;
    }

    double firstRunMs() {
        return firstRunMs;
    }

    /**
     * Makes one more unrecorded run and returns its time: what a timed run will take, roughly, unlike
     * the first run's, which includes compiling.
     */
    double warmRunMs() {
        return LatencyStats.timeMs(this::run);
    }

    /** Makes one more unrecorded run. */
    void warm() {
        run();
    }

    /** Makes {@code count} more timed runs; returns their median. */
    double time(int count) {
        if (count < 1) throw new IllegalArgumentException("iterations must be at least 1, got " + count);
        int from = times.length;
        times = Arrays.copyOf(times, from + count);
        for (int i = from; i < times.length; i++) times[i] = LatencyStats.timeMs(this::run);
        return LatencyStats.of(Arrays.copyOfRange(times, from, times.length)).medianMs();
    }

    private void run() {
        engine.apply(input);
        memory.sample();
    }

    Measurement measurement() {
        return new Measurement(LatencyStats.of(times), firstRunMs, warmup, memory.peakHeapBytes(),
                memory.peakOffHeapBytes(), outputs);
    }
}
