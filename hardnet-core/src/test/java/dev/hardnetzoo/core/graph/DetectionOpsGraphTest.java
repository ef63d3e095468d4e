package dev.hardnetzoo.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** L2Norm, channels-last rows and concat along an axis, from shape inference to the planned CPU run. */
class DetectionOpsGraphTest {

    @Test
    void shapesAreInferredAndBadOnesNamed() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 8, 3, 5));
        Value n = b.l2Norm("L2Norm", b.input(), 1e-10f);
        assertThat(n.shape()).isEqualTo(Shape.nchw(2, 8, 3, 5));
        Value rows = b.channelsLast("rows", n, 4);
        assertThat(rows.shape()).isEqualTo(Shape.of(2, 30, 4));
        Value other = b.channelsLast("other", b.input(), 2);
        assertThatThrownBy(() -> b.concatAxis("cat", List.of(rows, other), 1))
                .hasMessageContaining("cat").hasMessageContaining("[2, 60, 2]");
        assertThatThrownBy(() -> b.channelsLast("odd", b.input(), 3)).hasMessageContaining("odd: 8 channels");
        assertThat(b.concatAxis("both", List.of(rows, b.channelsLast("more", b.input(), 4)), 1).shape())
                .isEqualTo(Shape.of(2, 60, 4));
        assertThat(b.output(rows).build().params()).containsOnlyKeys("L2Norm.weight");
    }

    @Test
    void twoHeadsBecomeOneRowPerPriorThroughThePlannedCpuRun() {
        // Input [1, 2, 1, 2] as planes c0 = (3, 0), c1 = (4, 2): pixel 0 is (3, 4), pixel 1 is (0, 2).
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 2, 1, 2));
        Value norm = b.l2Norm("L2Norm", b.input(), 1e-10f);
        Value locRows = b.channelsLast("loc", norm, 1);     // [1, 4, 1]: pixel-major
        Value inRows = b.channelsLast("raw", b.input(), 1); // [1, 4, 1]
        Value joined = b.concatAxis("joined", List.of(locRows, inRows), 2); // [1, 4, 2]
        Graph g = b.output(joined).build();
        Map<String, float[]> params = Map.of("L2Norm.weight", new float[] {1, 10});
        try (Executable e = Backends.get(Backends.DEFAULT).compile(Passes.optimize(g), params, BackendOptions.defaults())) {
            Tensor out = e.run(new Tensor(Shape.nchw(1, 2, 1, 2), new float[] {3, 0, 4, 2})).get(0);
            assertThat(out.shape()).isEqualTo(Shape.of(1, 4, 2));
            // pixel 0: (3, 4)/5 * (1, 10) = (0.6, 8); pixel 1: (0, 2)/2 * (1, 10) = (0, 10)
            float[] expected = {0.6f, 3, 8, 4, 0, 0, 10, 2};
            for (int i = 0; i < expected.length; i++) assertThat(out.data()[i]).isCloseTo(expected[i], within(1e-5f));
        }
        CostReport cost = CostReport.of(g);
        assertThat(cost.params()).isEqualTo(2);
        assertThat(cost.layers()).extracting(l -> l.op()).containsExactly("l2norm");
    }
}
