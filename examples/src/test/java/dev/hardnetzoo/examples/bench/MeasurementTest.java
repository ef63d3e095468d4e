package dev.hardnetzoo.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void timedRunsAreSizedFromAWarmRunNotTheFirst() {
        AtomicInteger calls = new AtomicInteger();
        Function<Tensor, List<Tensor>> engine = x -> {
            if (calls.getAndIncrement() == 0) sleep(300); // the first run compiles
            return List.of(x);
        };
        // 1 timed run for a model as slow as its first run looked, 7 for one as fast as its warm runs
        Measurement m = Measurement.of(engine, Tensor.zeros(Shape.nchw(1, 1, 1, 1)), 1, ms -> ms > 100 ? 1 : 7);
        assertThat(m.firstRunMs()).isGreaterThanOrEqualTo(300);
        assertThat(m.latency().iterations()).isEqualTo(7);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
