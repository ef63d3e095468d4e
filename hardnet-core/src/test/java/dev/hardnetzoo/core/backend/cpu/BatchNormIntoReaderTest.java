package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A stand-alone BatchNorm-ReLU whose only reader is a 1x1 conv on the packed GEMM (DenseNet's
 * pre-activation) runs inside the conv's input packing, and one read only by a 2x2 average pool
 * (DenseNet's transitions) or a global average pool (its head) inside the pool: one step instead of two, and the same output, bit for
 * bit, as when the BatchNorm must run on its own because something else reads it.
 */
class BatchNormIntoReaderTest {

    @Test
    void bnReluThenPointwiseConvIsOneStepWithTheSameOutput() {
        // 1100 input channels: two GEMM depth chunks (of 1024); 15x17 pixels: a partial tile; batch 2.
        assertFusedMatchesUnfused(Shape.nchw(2, 1100, 15, 17), 40, 1);
    }

    @Test
    void groupedPointwiseConvReadsEachGroupsOwnChannels() {
        assertFusedMatchesUnfused(Shape.nchw(1, 48, 16, 16), 32, 2);
    }

    @Test
    void theSlicedKernelNormalisesEachDepthSliceOfItsPixels() {
        // 7x7 plane, 300 deep (three uneven slices), 96 outputs: three blocks, tasks split by blocks and groups.
        assertFusedMatchesUnfused(Shape.nchw(1, 300, 7, 7), 96, 1);
        // 5x5 plane, batch 2: groups moved back at the plane's end.
        assertFusedMatchesUnfused(Shape.nchw(2, 256, 5, 5), 64, 1);
    }

    @Test
    void aKernelThatCannotApplyItKeepsTheBatchNormStep() {
        // A 3x3 conv reads each input value nine times: it keeps the BatchNorm as a step of its own.
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 16, 8, 8));
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        Graph g = Passes.optimize(b.output(b.conv2d("conv", act, 8, 3, 1, 1, 1, 1, true)).build());
        assertThat(steps(g)).isEqualTo(2);
    }

    @Test
    void theBatchNormsInputOutlivesItUntilTheConvEvenWhenNothingElseReadsIt() {
        // The planner keeps the input until the BatchNorm's reader, so the conv's output is never placed over it.
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        assertThat(steps(Passes.optimize(graph(Shape.nchw(1, 40, 16, 16), 32, 1, false, false)))).isEqualTo(1);
    }

    @Test
    void bnReluThenTwoByTwoAveragePoolIsOneStepWithTheSameOutput() {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        // 14x14: a run of rows normalised in one pass per task; 13x27: odd sizes drop the last row and column.
        for (Shape in : new Shape[] {Shape.nchw(2, 24, 14, 14), Shape.nchw(1, 5, 13, 27)}) {
            Graph fused = poolGraph(in, false);
            Graph unfused = poolGraph(in, true);
            assertThat(steps(fused)).as("BatchNorm inside the pool").isEqualTo(1);
            assertThat(steps(unfused)).as("BatchNorm read by the pool and the output").isEqualTo(2);
            assertSameOutput(fused, 0, unfused, 1, in);
        }
    }

    @Test
    void bnReluThenGlobalAveragePoolIsOneStepWithTheSameOutput() {
        Shape in = Shape.nchw(2, 20, 7, 7);
        GraphBuilder fusedBuilder = new GraphBuilder(in);
        Graph fused = Passes.optimize(fusedBuilder.output(fusedBuilder.globalAvgPool("pool",
                fusedBuilder.relu("relu", fusedBuilder.batchNorm("norm", fusedBuilder.input())))).build());
        GraphBuilder b = new GraphBuilder(in);
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        Graph unfused = Passes.optimize(b.output(act, b.globalAvgPool("pool", act)).build());
        assertThat(steps(fused)).isEqualTo(1);
        assertThat(steps(unfused)).isEqualTo(2);
        assertSameOutput(fused, 0, unfused, 1, in);
    }

    @Test
    void otherPoolsKeepTheBatchNormStep() {
        Shape in = Shape.nchw(1, 8, 12, 12);
        GraphBuilder b = new GraphBuilder(in);
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        Graph g = Passes.optimize(b.output(b.avgPool("pool", act, 3, 2, 1, false, true)).build());
        assertThat(steps(g)).isEqualTo(2);
    }

    /** input -> BatchNorm -> ReLU -> 2x2 / 2 average pool; with {@code bnIsOutput} the ReLU's output is a model output too. */
    private static Graph poolGraph(Shape in, boolean bnIsOutput) {
        GraphBuilder b = new GraphBuilder(in);
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        GraphBuilder.Value pool = b.avgPool("pool", act, 2, 2, 0, false, true);
        return Passes.optimize(bnIsOutput ? b.output(act, pool).build() : b.output(pool).build());
    }

    private static void assertFusedMatchesUnfused(Shape in, int outC, int groups) {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        Graph fused = Passes.optimize(graph(in, outC, groups, false, true));
        Graph unfused = Passes.optimize(graph(in, outC, groups, true, true));
        assertThat(steps(fused)).as("BatchNorm inside the conv").isEqualTo(2);
        assertThat(steps(unfused)).as("BatchNorm read by the conv and the output").isEqualTo(3);
        assertSameOutput(fused, 0, unfused, 1, in);
    }

    /** Output {@code i} of {@code fused} equals output {@code j} of {@code unfused} bit for bit, on 1 and 3 threads. */
    private static void assertSameOutput(Graph fused, int i, Graph unfused, int j, Shape in) {
        Map<String, float[]> params = randomParams(fused);
        Tensor x = new Tensor(in, KernelTesting.random(new Random(7), (int) in.size()));
        for (int threads : new int[] {1, 3}) {
            float[] a = run(fused, params, x, threads).get(i).data();
            float[] b = run(unfused, params, x, threads).get(j).data();
            assertThat(a).as("%s, %d thread(s)", in, threads).containsExactly(b);
        }
    }

    /**
     * input -> BatchNorm -> ReLU -> 1x1 conv; with {@code bnIsOutput} the ReLU's output is a model
     * output too; with {@code inputReadLater} a last step reads the input again (as a dense block's
     * later layers read its concat), so its buffer lives past the conv.
     */
    private static Graph graph(Shape in, int outC, int groups, boolean bnIsOutput, boolean inputReadLater) {
        GraphBuilder b = new GraphBuilder(in);
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        GraphBuilder.Value conv = b.conv2d("conv", act, outC, 1, 1, 0, 1, groups, true);
        List<GraphBuilder.Value> outputs = new ArrayList<>();
        if (bnIsOutput) outputs.add(act);
        outputs.add(conv);
        if (inputReadLater) outputs.add(b.relu("later", b.input()));
        return b.output(outputs.toArray(GraphBuilder.Value[]::new)).build();
    }

    private static int steps(Graph g) {
        Map<String, float[]> params = randomParams(g);
        return new CpuStepCompiler(MemoryPlanner.plan(g), params).compile().size();
    }

    private static List<Tensor> run(Graph g, Map<String, float[]> params, Tensor x, int threads) {
        try (Executable e = new CpuBackend().compile(g, params, new BackendOptions(threads))) {
            return e.run(x);
        }
    }

    private static Map<String, float[]> randomParams(Graph g) {
        return KernelTesting.randomParams(g, 11);
    }
}
