package dev.hardnetzoo.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class IgnoredTensorTest {

    @Test
    void anIgnoredTensorIsOptionalNotAParameter() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 4, 4));
        GraphBuilder.Value y = b.conv2d("conv", b.input(), 2, 1, 1, 0, 1, 1, false);
        try (GraphBuilder.Scope s = b.scope("loss")) {
            assertThat(b.ignoredTensor("criterion.weight")).isEqualTo("loss.criterion.weight");
        }
        Graph g = b.output(y).build();
        assertThat(g.optionalTensors()).contains("loss.criterion.weight");
        assertThat(g.params()).containsOnlyKeys("conv.weight");
    }

    @Test
    void aParameterCannotBeIgnored() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 4, 4));
        b.conv2d("conv", b.input(), 2, 1, 1, 0, 1, 1, false);
        assertThatThrownBy(() -> b.ignoredTensor("conv.weight")).hasMessageContaining("conv.weight is a parameter");
    }
}
