package dev.hardnetzoo.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.plan.LayerCost;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.weights.RandomWeights;
import org.junit.jupiter.api.Test;

/** Shape inference, parameter names and costs of the transposed conv and the crop, worked out by hand. */
class ConvTransposeAndCropGraphTest {

    @Test
    void transposedConvShapeParamsAndCost() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 4, 5, 6));
        Value up = b.convTranspose2d("up", b.input(), 3, 3, 2, 0, 0, true);
        // (5 - 1) * 2 + 3 = 11, (6 - 1) * 2 + 3 = 13
        assertThat(up.shape()).isEqualTo(Shape.nchw(1, 3, 11, 13));
        Value cropped = b.crop("crop", up, 0, 1, 10, 12);
        Graph g = b.output(cropped).build();
        assertThat(g.params().get("up.weight").shape()).isEqualTo(Shape.of(4, 3, 3, 3)); // [in, out, k, k] as PyTorch
        assertThat(g.params().get("up.bias").shape()).isEqualTo(Shape.of(3));
        CostReport cost = CostReport.of(g);
        assertThat(cost.params()).isEqualTo(4 * 3 * 9 + 3);
        LayerCost layer = cost.layers().get(0);
        assertThat(layer.macs()).isEqualTo(4L * 5 * 6 * 3 * 9); // each input pixel meets every weight once
        assertThat(cost.macs()).isEqualTo(layer.macs());
        assertThat(cost.cio()).isEqualTo(4 * 5 * 6 + 3 * 11 * 13);
        assertThat(RandomWeights.generate(g, 1)).containsKeys("up.weight", "up.bias");
    }

    @Test
    void paddingAndOutputPaddingFollowPyTorch() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 2, 7, 4));
        // (7 - 1) * 2 - 2 + 3 + 1 = 14: the usual exact 2x upsampling
        assertThat(b.convTranspose2d("up", b.input(), 2, 3, 2, 1, 1, false).shape()).isEqualTo(Shape.nchw(1, 2, 14, 8));
        assertThatThrownBy(() -> b.convTranspose2d("bad", b.input(), 2, 3, 2, 1, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad").hasMessageContaining("below the stride");
    }

    @Test
    void cropOutsideTheInputNamesTheLayer() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 2, 5, 5));
        assertThatThrownBy(() -> b.crop("trim", b.input(), 1, 0, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trim").hasMessageContaining("does not fit");
    }
}
