package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleToIntFunction;
import java.util.function.Function;

/**
 * One engine measured on one input: the first run on its own (it includes compiling for the
 * shape), then {@code warmup} unrecorded runs and {@code iterations} timed ones, with peak memory.
 *
 * @param outputs what the first run returned, to check engines against each other
 */
public record Measurement(LatencyStats latency, double firstRunMs, int warmup, long peakHeapBytes,
                          long peakOffHeapBytes, List<Tensor> outputs) {

    public static Measurement of(Function<Tensor, List<Tensor>> engine, Tensor input, int warmup, int iterations) {
        return of(engine, input, warmup, warmRunMs -> iterations);
    }

    /**
     * As above, with the number of timed runs chosen from a warm run's time (to fit a time budget):
     * the first run's includes compiling, seconds for a model whose warm runs take milliseconds.
     */
    public static Measurement of(Function<Tensor, List<Tensor>> engine, Tensor input, int warmup,
                                 DoubleToIntFunction iterationsForWarmRunMs) {
        TimedRuns runs = TimedRuns.start(engine, input, warmup, MemoryProbe.start());
        runs.time(iterationsForWarmRunMs.applyAsInt(runs.warmRunMs()));
        return runs.measurement();
    }

    /** Images per second at the median latency. */
    public double imagesPerSecond(int batch) {
        return batch * 1000.0 / latency.medianMs();
    }
}
