package dev.hardnetzoo.densenetbaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FC-DenseNet facts. Parameter counts are PyTorch's {@code sum(p.numel())} for an independent
 * build of the paper's networks and for pytorch_tiramisu's code (the paper rounds them to
 * 1.5 M and 9.4 M).
 */
class FcDenseNetArchitectureTest {

    @ParameterizedTest
    @CsvSource({"fcdensenet56, 11, 1376795", "fcdensenet56, 12, 1376988",
                "fcdensenet103, 11, 9322091", "fcdensenet103, 12, 9322348"})
    void parameterCountsMatchPyTorch(String id, int classes, long params) {
        Graph g = ModelZoo.get(id).architecture().build(Shape.nchw(1, 3, 360, 480), classes);
        assertThat(g.parameterCount()).isEqualTo(params);
    }

    @Test
    void namesFollowPytorchTiramisu() {
        Graph g = ModelZoo.get("fcdensenet103").defaultGraph();
        assertThat(g.params().keySet()).startsWith("firstconv.weight", "firstconv.bias", "denseBlocksDown.0.layers.0.norm.weight");
        assertThat(g.params()).containsKeys("transDownBlocks.4.conv.bias", "bottleneck.bottleneck.layers.14.conv.weight",
                "transUpBlocks.0.convTrans.bias", "denseBlocksUp.4.layers.3.conv.weight", "finalConv.bias");
        // bottleneck: 15 layers x 16 = 240 new channels, upsampled to 240 ([in, out, k, k])
        assertThat(g.params().get("transUpBlocks.0.convTrans.weight").shape()).isEqualTo(Shape.of(240, 240, 3, 3));
        // first up block reads 240 upsampled + 656 skip channels (48 + 16 * (4 + 5 + 7 + 10 + 12))
        assertThat(g.params().get("denseBlocksUp.0.layers.0.conv.weight").shape()).isEqualTo(Shape.of(16, 896, 3, 3));
        assertThat(g.params().get("finalConv.weight").shape()).isEqualTo(Shape.of(11, 256, 1, 1));
    }

    @Test
    void logitsHaveTheInputSizeEvenWhenTheTransitionsMustCrop() {
        Graph g = ModelZoo.get("fcdensenet56").defaultGraph();
        assertThat(ModelZoo.get("fcdensenet56").task()).isEqualTo(Task.SEGMENTATION);
        assertThat(g.node(g.outputs().get(0)).shape()).isEqualTo(Shape.nchw(1, 11, 360, 480));
        // 360 -> 180 -> 90 -> 45 -> 22 -> 11 on the way down: every 2n + 1 upsampling is cropped
        assertThat(g.nodes().stream().filter(n -> n.op() instanceof Op.Crop)).hasSize(5);
        assertThat(g.nodes().stream().filter(n -> n.op() instanceof Op.ConvTranspose2d)).hasSize(5);
    }

    @Test
    void costsCountTheTransposedConvolutions() {
        CostReport cost = CostReport.of(ModelZoo.get("fcdensenet103").defaultGraph());
        assertThat(cost.layers()).anySatisfy(l -> assertThat(l.op()).isEqualTo("convT3x3"));
        long convT = cost.layers().stream().filter(l -> l.op().startsWith("convT")).mapToLong(l -> l.macs()).sum();
        // 240 channels at 11x15 -> 240: 240 * 11 * 15 * 240 * 9 MACs for the first
        assertThat(convT).isGreaterThan(240L * 11 * 15 * 240 * 9);
        assertThat(cost.params()).isEqualTo(9_322_091L);
    }

    /**
     * Every dense block grows in one buffer. An upsampling block (bottleneck and all but the last
     * up block) also returns its new features on their own, so each of them but the last is
     * copied once, from that output into the growing input: nothing else is copied.
     */
    @Test
    void denseBlocksGrowInOneBuffer() {
        Graph g = Passes.optimize(ModelZoo.get("fcdensenet103").defaultGraph());
        MemoryPlan plan = MemoryPlanner.plan(g);
        long expected = 0;
        int blocks = 0;
        for (var node : g.nodes()) {
            if (node.op() instanceof Op.Concat && node.name().endsWith("new_features")) {
                int last = node.inputs().get(node.inputs().size() - 1);
                expected += node.shape().size() - g.node(last).shape().size();
                blocks++;
            }
        }
        assertThat(blocks).isEqualTo(5);
        assertThat(plan.concatCopyFloats()).isEqualTo(expected);
        assertThat(plan.arenaFloats()).isLessThan(plan.unplannedFloats() / 8);
    }
}
