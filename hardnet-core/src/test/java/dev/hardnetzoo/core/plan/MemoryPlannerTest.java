package dev.hardnetzoo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.models.hardnet.HarDNet;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPlannerTest {

    @Test
    void concatInputsAreWrittenInPlace() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 3, 4, 4));
        Value a = b.conv2d("a", b.input(), 5, 1, 1, 0, 1, 1, false);
        Value c = b.conv2d("c", b.input(), 7, 1, 1, 0, 1, 1, false);
        Value cat = b.concat("cat", List.of(a, c));
        MemoryPlan plan = MemoryPlanner.plan(b.output(cat).build());
        Slice catSlice = plan.slice(cat.id());
        assertThat(plan.slice(a.id())).isEqualTo(new Slice(catSlice.offset(), 12 * 16, a.shape()));
        assertThat(plan.slice(c.id())).isEqualTo(new Slice(catSlice.offset() + 5 * 16, 12 * 16, c.shape()));
        assertThat(plan.inPlace()[a.id()]).isTrue();
    }

    @Test
    void theGraphInputIsCopiedNotAliased() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 4, 4));
        Value a = b.conv2d("a", b.input(), 5, 1, 1, 0, 1, 1, false);
        Value cat = b.concat("cat", List.of(b.input(), a));
        MemoryPlan plan = MemoryPlanner.plan(b.output(cat).build());
        assertThat(plan.inPlace()[0]).isFalse();
        assertThat(plan.inPlace()[a.id()]).isTrue();
    }

    /** No two tensors alive at the same step may share memory unless one is a slice of the other's buffer. */
    @Test
    void liveTensorsNeverOverlapInHarDNet68() {
        Graph g = Passes.optimize(HarDNet.build(HarDNet.HARDNET68, Shape.nchw(2, 3, 96, 128), 1000));
        MemoryPlan plan = MemoryPlanner.plan(g);
        int n = g.nodes().size();
        int[] lastUse = new int[n];
        for (Node node : g.nodes()) {
            lastUse[node.id()] = Math.max(lastUse[node.id()], node.id());
            for (int in : node.inputs()) lastUse[in] = Math.max(lastUse[in], node.id());
        }
        for (int o : g.outputs()) lastUse[o] = n;
        int checked = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (j > lastUse[i]) continue; // i is dead before j is written
                if (g.node(j).inputs().contains(i) && isContainedIn(plan, i, j)) continue;
                if (sharesConcatBuffer(g, plan, i, j)) continue;
                assertThat(overlap(plan.slice(i), plan.slice(j)))
                        .as("%s and %s overlap", g.node(i).name(), g.node(j).name()).isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300); // pairs of simultaneously live tensors compared
        assertThat(plan.arenaFloats()).isLessThan(plan.unplannedFloats() / 3);
    }

    private static boolean isContainedIn(MemoryPlan plan, int part, int whole) {
        Slice p = plan.slice(part);
        Slice w = plan.slice(whole);
        return p.batchStride() == w.batchStride() && p.offset() >= w.offset()
                && p.offset() + p.shape().perItem() <= w.offset() + w.shape().perItem();
    }

    /** Tensors placed as distinct channel ranges of one concat buffer: same stride, disjoint channels. */
    private static boolean sharesConcatBuffer(Graph g, MemoryPlan plan, int i, int j) {
        Slice a = plan.slice(i);
        Slice b = plan.slice(j);
        if (a.batchStride() != b.batchStride() || a.batchStride() == a.shape().perItem() && b.batchStride() == b.shape().perItem()) {
            return isContainedIn(plan, i, j) || isContainedIn(plan, j, i);
        }
        long aEnd = a.offset() + a.shape().perItem();
        long bEnd = b.offset() + b.shape().perItem();
        return aEnd <= b.offset() || bEnd <= a.offset() || isContainedIn(plan, i, j) || isContainedIn(plan, j, i);
    }

    private static boolean overlap(Slice a, Slice b) {
        long aEnd = a.offset() + (long) (a.shape().n() - 1) * a.batchStride() + a.shape().perItem();
        long bEnd = b.offset() + (long) (b.shape().n() - 1) * b.batchStride() + b.shape().perItem();
        return a.offset() < bEnd && b.offset() < aEnd;
    }
}
