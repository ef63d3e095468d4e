package dev.hardnetzoo.densenetbaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DenseNet's growing concatenations are written in place, like HarDNet's: no concat copies anything. */
class DenseNetMemoryPlanTest {

    @ParameterizedTest
    @ValueSource(strings = {"densenet121", "densenet201", "densenet-bc-100-k12"})
    void everyConcatenationIsWrittenInPlace(String id) {
        Graph g = Passes.optimize(ModelZoo.get(id).defaultGraph());
        MemoryPlan plan = MemoryPlanner.plan(g);
        long concats = g.nodes().stream().filter(n -> n.op() instanceof Op.Concat).count();
        assertThat(concats).isGreaterThan(40);
        assertThat(plan.concatCopyFloats()).isZero();
        // every block lives in one buffer: far below the sum of all tensors
        assertThat(plan.arenaFloats()).isLessThan(plan.unplannedFloats() / 4);
    }
}
