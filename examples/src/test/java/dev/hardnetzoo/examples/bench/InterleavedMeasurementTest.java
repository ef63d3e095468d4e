package dev.hardnetzoo.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InterleavedMeasurementTest {
    private final Tensor input = Tensor.zeros(Shape.nchw(1, 1, 1, 1));
    private final List<String> calls = new ArrayList<>();

    private Function<Tensor, List<Tensor>> engine(String name) {
        return x -> {
            calls.add(name);
            return List.of(x);
        };
    }

    @Test
    void timedRunsAlternateInBlocksAfterBothWarmUp() {
        InterleavedMeasurement m = InterleavedMeasurement.of(engine("a"), engine("b"), input, 1, 5, 2, Duration.ZERO, false);
        // first run + 1 warm-up each, then blocks of 2 and 3 timed runs (5 in 2 rounds), each after an untimed one
        assertThat(String.join("", calls)).isEqualTo("aabb" + "aaabbb" + "aaaabbbb");
        assertThat(m.first().latency().iterations()).isEqualTo(5);
        assertThat(m.second().latency().iterations()).isEqualTo(5);
        assertThat(m.first().warmup()).isEqualTo(1);
        assertThat(m.first().outputs()).containsExactly(input);
        assertThat(m.blockRatios()).hasSize(2).allSatisfy(r -> assertThat(r).isPositive().isFinite());
    }

    @Test
    void oneRoundPerRunAlternatesEveryTimedRun() {
        InterleavedMeasurement.of(engine("a"), engine("b"), input, 0, 3, 3, Duration.ZERO, false);
        assertThat(String.join("", calls)).isEqualTo("ab" + "aabbaabbaabb");
    }

    @Test
    void pausesBeforeEachBlock() {
        long t0 = System.nanoTime();
        InterleavedMeasurement.of(engine("a"), engine("b"), input, 0, 2, 2, Duration.ofMillis(30), false);
        assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(4 * 30);
    }

    @Test
    void roundsMustFitTheTimedRuns() {
        assertThatThrownBy(() -> InterleavedMeasurement.of(engine("a"), engine("b"), input, 0, 3, 4, Duration.ZERO, false))
                .hasMessageContaining("rounds must be between 1 and the 3 timed runs, got 4");
        assertThatThrownBy(() -> InterleavedMeasurement.of(engine("a"), engine("b"), input, 0, 3, 0, Duration.ZERO, false))
                .hasMessageContaining("got 0");
        assertThat(calls).isEmpty();
    }

    @Test
    void warmsUpPastTheRequestedRunsUntilTheJitIsQuiet() {
        InterleavedMeasurement.of(engine("a"), engine("b"), input, 1, 1, 1, Duration.ZERO, true);
        long a = calls.stream().filter("a"::equals).count();
        // first run, 1 warm-up, at least QUIET_RUNS more, 1 untimed and 1 timed
        assertThat(a).isGreaterThanOrEqualTo(3 + JitWarmup.QUIET_RUNS);
    }

    @Test
    void latencyStatsOfRecordedTimes() {
        LatencyStats s = LatencyStats.of(new double[] {4, 1, 3, 2});
        assertThat(s.minMs()).isEqualTo(1);
        assertThat(s.medianMs()).isEqualTo(2.5);
        assertThat(s.meanMs()).isEqualTo(2.5);
        assertThat(s.iterations()).isEqualTo(4);
    }
}
