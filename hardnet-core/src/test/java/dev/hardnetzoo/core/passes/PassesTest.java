package dev.hardnetzoo.core.passes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class PassesTest {

    @Test
    void convBatchNormRelu6BecomesOneConv() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 8, 8));
        Value y = b.conv2d("conv", b.input(), 4, 3, 1, 1, 1, 1, false);
        y = b.batchNorm("norm", y);
        y = b.relu6("relu", y);
        Graph g = Passes.optimize(b.output(y).build());
        assertThat(g.nodes()).hasSize(2);
        Op.Conv2d conv = (Op.Conv2d) g.node(1).op();
        assertThat(conv.foldedBn().runningVar()).isEqualTo("norm.running_var");
        assertThat(conv.activation()).isEqualTo(Activation.RELU6);
        assertThat(g.outputs()).containsExactly(1);
        assertThat(g.params()).containsKeys("conv.weight", "norm.weight"); // names stay the official ones
    }

    @Test
    void aConvReadByTwoNodesKeepsItsBatchNormSeparate() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 8, 8));
        Value c = b.conv2d("conv", b.input(), 4, 1, 1, 0, 1, 1, false);
        Value n = b.batchNorm("norm", c);
        Value sum = b.add("add", c, n);
        Graph g = Passes.optimize(b.output(sum).build());
        assertThat(g.nodes()).extracting(node -> node.op().getClass().getSimpleName())
                .containsExactly("Input", "Conv2d", "BatchNorm", "Add");
    }

    @Test
    void batchNormReluOutsideAConvFusesIntoTheBatchNorm() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 8, 8));
        Value cat = b.concat("cat", java.util.List.of(b.input(), b.input()));
        Value y = b.relu("relu", b.batchNorm("norm", cat));
        Graph g = Passes.optimize(b.output(y).build());
        assertThat(g.nodes()).hasSize(3);
        assertThat(((Op.BatchNorm) g.node(2).op()).activation()).isEqualTo(Activation.RELU);
    }
}
