package dev.hardnetzoo.core.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.backend.cpu.CpuBackend;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        Value cat = b.concat("cat", List.of(b.input(), b.input()));
        Value y = b.relu("relu", b.batchNorm("norm", cat));
        Graph g = Passes.optimize(b.output(y).build());
        assertThat(g.nodes()).hasSize(3);
        assertThat(((Op.BatchNorm) g.node(2).op()).activation()).isEqualTo(Activation.RELU);
    }

    @Test
    void averagePoolAfterAPointwiseConvRunsBeforeIt() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 16, 8, 8));
        Value y = b.relu("relu", b.batchNorm("norm", b.input()));
        y = b.conv2d("conv", y, 8, 1, 1, 0, 1, 1, true);
        y = b.avgPool("pool", y, 2, 2, 0, false, true);
        Graph g = Passes.optimize(b.output(y).build());
        assertThat(g.nodes()).extracting(node -> node.op().getClass().getSimpleName())
                .containsExactly("Input", "BatchNorm", "AvgPool", "Conv2d");
        assertThat(g.node(2).shape()).isEqualTo(Shape.nchw(1, 16, 4, 4));
        assertThat(g.node(2).name()).isEqualTo("pool");
        assertThat(g.node(3).shape()).isEqualTo(Shape.nchw(1, 8, 4, 4));
        assertThat(g.node(3).inputs()).containsExactly(2);
        assertThat(((Op.Conv2d) g.node(3).op()).weight()).isEqualTo("conv.weight");
        assertThat(g.outputs()).containsExactly(3);
    }

    @Test
    void poolsThatDoNotCommuteWithTheConvStayAfterIt() {
        assertThat(poolFirst(1, 2, 0, false, false)).as("1x1 conv, 2x2 pool").isTrue();
        assertThat(poolFirst(3, 2, 0, false, false)).as("3x3 conv").isFalse();
        assertThat(poolFirst(1, 2, 0, true, false)).as("ReLU after the conv").isFalse();
        assertThat(poolFirst(1, 2, 1, false, false)).as("padded pool").isFalse();
        assertThat(poolFirst(1, 2, 0, false, true)).as("conv also a model output").isFalse();
        assertThat(poolFirst(1, 3, 0, false, false)).as("ceil-mode window past the edge").isFalse();
    }

    @Test
    void poolingFirstGivesTheSameOutputUpToRounding() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 24, 10, 14));
        Value y = b.relu("relu", b.batchNorm("norm", b.input()));
        y = b.conv2d("conv", y, 40, 1, 1, 0, 1, 1, true);
        y = b.batchNorm("norm2", y); // folded into the conv: an affine map per channel still commutes
        Graph g = b.output(b.avgPool("pool", y, 2, 2, 0, false, true)).build();
        Random rnd = new Random(3);
        Map<String, float[]> params = new HashMap<>();
        for (ParamSpec p : g.params().values()) {
            float[] v = new float[(int) p.shape().size()];
            for (int i = 0; i < v.length; i++) v[i] = p.name().endsWith("var") ? 0.5f + rnd.nextFloat() : rnd.nextFloat() - 0.5f;
            params.put(p.name(), v);
        }
        float[] x = new float[2 * 24 * 10 * 14];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
        Tensor input = new Tensor(g.inputShape(), x);
        float[] asBuilt;
        float[] optimized;
        try (Executable e = new CpuBackend().compile(g, params, new BackendOptions(1))) {
            asBuilt = e.run(input).get(0).data();
        }
        try (Executable e = new CpuBackend().compile(Passes.optimize(g), params, new BackendOptions(1))) {
            optimized = e.run(input).get(0).data();
        }
        assertThat(optimized).hasSameSizeAs(asBuilt);
        for (int i = 0; i < asBuilt.length; i++) {
            assertThat(optimized[i]).as("output %d", i).isCloseTo(asBuilt[i], within(1e-5f * (1 + Math.abs(asBuilt[i]))));
        }
    }

    /** 1x1 or 3x3 conv [-> ReLU] -> average pool (stride 2, ceil mode) on 8x8: whether the optimised graph pools first. */
    private static boolean poolFirst(int conv, int pool, int pad, boolean relu, boolean convIsOutput) {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 4, 8, 8));
        Value c = b.conv2d("conv", b.input(), 4, conv, 1, (conv - 1) / 2, 1, 1, false);
        if (relu) c = b.relu("relu", c);
        Value y = b.avgPool("pool", c, pool, 2, pad, true, true);
        Graph g = Passes.optimize((convIsOutput ? b.output(y, c) : b.output(y)).build());
        List<String> ops = g.nodes().stream().map(n -> n.op().getClass().getSimpleName()).toList();
        return ops.indexOf("AvgPool") < ops.indexOf("Conv2d");
    }
}
