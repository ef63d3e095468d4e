package dev.hardnetzoo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Leading floats move every tensor, concat channel ranges included, and grow the arena by as many. */
    @Test
    void leadingFloatsShiftEveryTensor() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 3, 4, 4));
        Value a = b.conv2d("a", b.input(), 5, 1, 1, 0, 1, 1, false);
        Value c = b.conv2d("c", b.input(), 7, 1, 1, 0, 1, 1, false);
        Graph g = b.output(b.concat("cat", List.of(a, c))).build();
        MemoryPlan plain = MemoryPlanner.plan(g);
        MemoryPlan shifted = MemoryPlanner.plan(g, 12);
        assertThat(shifted.arenaFloats()).isEqualTo(plain.arenaFloats() + 12);
        for (int id = 0; id < g.nodes().size(); id++) {
            Slice s = plain.slice(id);
            assertThat(shifted.slice(id)).isEqualTo(new Slice(s.offset() + 12, s.batchStride(), s.shape()));
        }
        assertThatThrownBy(() -> MemoryPlanner.plan(g, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leadingFloats");
    }

    /**
     * A stand-alone BatchNorm's input lives until the BatchNorm's only reader, so a backend may fuse
     * the two: without that, the pool's output could take the input's place once the BatchNorm ran.
     */
    @Test
    void aBatchNormsInputLivesUntilItsOnlyReader() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 8, 8, 8));
        Value x = b.conv2d("conv", b.input(), 8, 1, 1, 0, 1, 1, false);
        Value norm = b.batchNorm("norm", x);
        Value pool = b.avgPool("pool", norm, 2, 2, 0, false, true);
        MemoryPlan plan = MemoryPlanner.plan(b.output(pool).build());
        Slice in = plan.slice(x.id());
        Slice out = plan.slice(pool.id());
        assertThat(out.offset() >= in.offset() + 8 * 64 || out.offset() + 8 * 16 <= in.offset())
                .as("pool output %s clear of the BatchNorm's input %s", out, in).isTrue();
    }

    /** DenseNet's block: layer k reads cat(x0, ..., x(k-1)), the block returns cat(x0, ..., xL). */
    @Test
    void growingConcatsAreChannelRangesOfTheBlockOutput() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 3, 4, 4));
        Value x0 = b.conv2d("stem", b.input(), 8, 1, 1, 0, 1, 1, false);
        Value x1 = b.conv2d("l1", x0, 4, 3, 1, 1, 1, 1, false);
        Value in2 = b.concat("cat2", List.of(x0, x1));
        Value x2 = b.conv2d("l2", b.relu("relu2", in2), 4, 3, 1, 1, 1, 1, false);
        Value in3 = b.concat("cat3", List.of(x0, x1, x2));
        Value x3 = b.conv2d("l3", b.relu("relu3", in3), 4, 3, 1, 1, 1, 1, false);
        Value out = b.concat("out", List.of(x0, x1, x2, x3));
        MemoryPlan plan = MemoryPlanner.plan(b.output(out).build());

        Slice block = plan.slice(out.id());
        int stride = 20 * 16;
        assertThat(block.batchStride()).isEqualTo(stride);
        assertThat(plan.slice(in2.id())).isEqualTo(new Slice(block.offset(), stride, in2.shape()));
        assertThat(plan.slice(in3.id())).isEqualTo(new Slice(block.offset(), stride, in3.shape()));
        assertThat(plan.slice(x2.id())).isEqualTo(new Slice(block.offset() + 12 * 16, stride, x2.shape()));
        assertThat(plan.inPlace()[in2.id()]).isTrue();
        assertThat(plan.concatCopies(in2.id())).isEmpty();
        assertThat(plan.concatCopies(in3.id())).isEmpty();
        assertThat(plan.concatCopyFloats()).isZero();
    }

    /** A concat whose inputs are not one contiguous run of a later buffer still copies. */
    @Test
    void concatsOfNonAdjacentRangesStillCopy() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 4, 4));
        Value a = b.conv2d("a", b.input(), 2, 1, 1, 0, 1, 1, false);
        Value m = b.conv2d("m", b.input(), 3, 1, 1, 0, 1, 1, false);
        Value c = b.conv2d("c", b.input(), 5, 1, 1, 0, 1, 1, false);
        Value skip = b.concat("skip", List.of(a, c));
        Value y = b.conv2d("y", skip, 1, 1, 1, 0, 1, 1, false);
        Value all = b.concat("all", List.of(a, m, c, y));
        MemoryPlan plan = MemoryPlanner.plan(b.output(all).build());
        assertThat(plan.concatCopies(skip.id())).hasSize(2);
        assertThat(plan.concatCopyFloats()).isEqualTo((2 + 5) * 16);
        assertThat(plan.concatCopies(all.id())).isEmpty();
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
