package dev.hardnetzoo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class HeapEstimateTest {

    @Test
    void countsWeightsThriceActivationsAndInputOutput() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 4, 4));
        var y = b.conv2d("conv", b.input(), 2, 1, 1, 0, 1, 1, true); // 6 weights + 2 biases
        Graph g = b.output(y).build();
        HeapEstimate h = HeapEstimate.of(g);
        assertThat(h.weightBytes()).isEqualTo(8 * 4);
        assertThat(h.ioBytes()).isEqualTo((48 + 32) * 4);
        assertThat(h.activationBytes()).isEqualTo(MemoryPlanner.plan(Passes.optimize(g)).peakActivationBytes());
        assertThat(h.runBytes()).isEqualTo(3 * 32 + h.activationBytes() + 320);
        assertThat(h.recommendedMaxHeapBytes())
                .isEqualTo((long) Math.ceil(h.runBytes() * 1.25) + HeapEstimate.JVM_BASELINE_BYTES);
    }
}
