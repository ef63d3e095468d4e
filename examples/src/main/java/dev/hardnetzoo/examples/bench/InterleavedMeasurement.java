package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * Two engines measured on one input, their timed runs alternating in blocks (first engine, then
 * second, {@code rounds} times): on a shared or throttling host the speed drifts over seconds, and
 * timing one engine's runs after the other's would charge the drift to whichever ran in the
 * slower stretch. Both warm up before the first block. Peak memory covers the whole measurement
 * (both engines' Java heap; an engine's native memory is invisible, see {@link MemoryProbe}).
 */
public record InterleavedMeasurement(Measurement first, Measurement second) {

    public static InterleavedMeasurement of(Function<Tensor, List<Tensor>> first, Function<Tensor, List<Tensor>> second,
                                            Tensor input, int warmup, int iterations, int rounds) {
        if (rounds < 1 || rounds > iterations) {
            throw new IllegalArgumentException("rounds must be between 1 and the " + iterations + " timed runs, got " + rounds);
        }
        MemoryProbe memory = MemoryProbe.start();
        TimedRuns a = TimedRuns.start(first, input, warmup, memory);
        TimedRuns b = TimedRuns.start(second, input, warmup, memory);
        for (int r = 0; r < rounds; r++) {
            int count = iterations * (r + 1) / rounds - iterations * r / rounds;
            a.time(count);
            b.time(count);
        }
        return new InterleavedMeasurement(a.measurement(), b.measurement());
    }
}
