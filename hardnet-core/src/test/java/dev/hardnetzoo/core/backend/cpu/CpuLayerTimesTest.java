package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Executable#timeLayers} on the CPU backend: one entry per compiled step, in order, and runs unchanged. */
class CpuLayerTimesTest {
    private static final Shape IN = Shape.nchw(1, 24, 16, 16);

    @Test
    void everyStepIsTimedInExecutionOrderUnderTheNodeItComputes() {
        Graph g = graph();
        try (Executable e = new CpuBackend().compile(g, KernelTesting.randomParams(g, 3), new BackendOptions(2))) {
            Tensor x = input();
            List<Tensor> before = e.run(x);
            List<LayerTime> times = e.timeLayers(x, 3);
            int steps = new CpuStepCompiler(MemoryPlanner.plan(g), KernelTesting.randomParams(g, 3)).compile().size();
            assertThat(times).hasSize(steps);
            List<String> names = times.stream().map(t -> t.node().name()).toList();
            assertThat(names).containsSubsequence("conv", "pool");
            LayerTime conv = times.get(names.indexOf("conv"));
            assertThat(conv.node().shape()).isEqualTo(Shape.nchw(1, 32, 16, 16));
            assertThat(conv.input()).isEqualTo(IN);
            assertThat(conv.strategy()).startsWith("conv 1x1 s1");
            assertThat(times).allSatisfy(t -> assertThat(t.meanMs()).isNotNegative());
            assertThat(e.run(x).get(0).data()).as("a timed pass leaves later runs unchanged").isEqualTo(before.get(0).data());
        }
    }

    @Test
    void refusesAnotherInputShapeOrNoRuns() {
        Graph g = graph();
        try (Executable e = new CpuBackend().compile(g, KernelTesting.randomParams(g, 3), new BackendOptions(1))) {
            assertThatThrownBy(() -> e.timeLayers(input(), 0)).hasMessageContaining("runs must be at least 1, got 0");
            Tensor other = new Tensor(Shape.nchw(1, 24, 8, 8), new float[24 * 64]);
            assertThatThrownBy(() -> e.timeLayers(other, 1)).hasMessageContaining("does not match the compiled shape");
        }
    }

    /** BatchNorm-ReLU, a 1x1 conv (which takes the BatchNorm into its input packing), ReLU, a 2x2 max pool. */
    private static Graph graph() {
        GraphBuilder b = new GraphBuilder(IN);
        GraphBuilder.Value act = b.relu("relu", b.batchNorm("norm", b.input()));
        GraphBuilder.Value conv = b.relu("convrelu", b.conv2d("conv", act, 32, 1, 1, 0, 1, 1, true));
        return Passes.optimize(b.output(b.maxPool("pool", conv, 2, 2, 0, false)).build());
    }

    private static Tensor input() {
        return new Tensor(IN, KernelTesting.random(new Random(5), (int) IN.size()));
    }
}
