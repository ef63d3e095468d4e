package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Two engines measured on one input, their timed runs alternating in blocks (first engine, then
 * second, {@code rounds} times): on a shared or throttling host the speed drifts over seconds, and
 * timing one engine's runs after the other's would charge the drift to whichever ran in the
 * slower stretch. Both warm up before the first block. Before each block the measurement pauses,
 * so the other engine's idle threads have stopped (ONNX Runtime's pool threads spin for a while
 * after a run by default, and on 2 cores that took one from the next engine's runs: HarDNet-39DS
 * measured 1.9-2.0x slower right after ONNX Runtime's runs, level with it after a 200 ms pause),
 * then makes one untimed run, so the block times threads and caches back from idle.
 * Peak memory covers the whole measurement (both engines' Java heap; an engine's native memory is
 * invisible, see {@link MemoryProbe}).
 *
 * @param blockRatios per block, the first engine's median over the second's: how far the host's
 *                    speed moved the ratio during the run (on a 2-vCPU AMD EPYC VM, HarDNet-39DS
 *                    against ONNX Runtime, one run's 10 blocks spanned 0.83-0.87x in a steady
 *                    stretch and 0.70-1.14x across a change in the host's speed)
 */
public record InterleavedMeasurement(Measurement first, Measurement second, List<Double> blockRatios) {

    public static InterleavedMeasurement of(Function<Tensor, List<Tensor>> first, Function<Tensor, List<Tensor>> second,
                                            Tensor input, int warmup, int iterations, int rounds, Duration pause) {
        return of(first, second, input, warmup, iterations, rounds, pause, true);
    }

    /** As above; {@code settleJit} false warms up by the run count alone (tests). */
    static InterleavedMeasurement of(Function<Tensor, List<Tensor>> first, Function<Tensor, List<Tensor>> second,
                                     Tensor input, int warmup, int iterations, int rounds, Duration pause,
                                     boolean settleJit) {
        requireRounds(iterations, rounds);
        MemoryProbe memory = MemoryProbe.start();
        TimedRuns a = TimedRuns.start(first, input, warmup, memory, settleJit);
        TimedRuns b = TimedRuns.start(second, input, warmup, memory, settleJit);
        List<Double> blockRatios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int count = blockRuns(iterations, rounds, r);
            pause(pause);
            a.warm();
            double firstMedian = a.time(count);
            pause(pause);
            b.warm();
            blockRatios.add(firstMedian / b.time(count));
        }
        return new InterleavedMeasurement(a.measurement(), b.measurement(), List.copyOf(blockRatios));
    }

    /** Refuses a number of blocks outside 1 to the number of timed runs. */
    static void requireRounds(int iterations, int rounds) {
        if (rounds < 1 || rounds > iterations) {
            throw new IllegalArgumentException("rounds must be between 1 and the " + iterations + " timed runs, got " + rounds);
        }
    }

    /** Timed runs in block {@code r} of {@code rounds}: the {@code iterations} spread as evenly as they go. */
    static int blockRuns(int iterations, int rounds, int r) {
        return iterations * (r + 1) / rounds - iterations * r / rounds;
    }

    /** Sleeps for {@code pause} (nothing when zero). */
    static void pause(Duration pause) {
        if (pause.isZero()) return;
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between benchmark blocks", e);
        }
    }
}
