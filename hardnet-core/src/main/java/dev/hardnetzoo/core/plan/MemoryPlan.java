package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every tensor of an optimised graph lives in one activation arena, decided before
 * anything runs. {@code slices.get(id)} is node {@code id}'s output. {@code inPlace[id]} is
 * true when that tensor was written straight into its slice of a concat buffer, so the concat
 * itself moves no data for it.
 *
 * @param arenaFloats size of the arena in floats: the peak activation memory
 * @param unplannedFloats what the same tensors would take with no reuse and no concat-in-place
 */
public record MemoryPlan(Graph graph, List<Slice> slices, boolean[] inPlace, long arenaFloats, long unplannedFloats) {

    public Slice slice(int nodeId) { return slices.get(nodeId); }

    public long peakActivationBytes() { return arenaFloats * Float.BYTES; }

    /** A copy a concat still has to make: {@code from} is not already its channel range {@code to}. */
    public record Copy(Slice from, Slice to) {}

    /** The copies concat node {@code concatId} makes: one per input not already in its channel range. */
    public List<Copy> concatCopies(int concatId) {
        Node node = graph.node(concatId);
        if (!(node.op() instanceof Op.Concat)) throw new IllegalArgumentException(node.name() + " is not a concat");
        Slice out = slice(concatId);
        List<Copy> copies = new ArrayList<>();
        int channel = 0;
        for (int input : node.inputs()) {
            Slice src = slice(input);
            Slice dst = new Slice(out.offset() + channel * out.plane(), out.batchStride(), src.shape());
            if (!src.equals(dst)) copies.add(new Copy(src, dst));
            channel += src.shape().c();
        }
        return copies;
    }

    /** Elements all concats together copy per run: zero when every concatenation is written in place. */
    public long concatCopyFloats() {
        long floats = 0;
        for (Node node : graph.nodes()) {
            if (!(node.op() instanceof Op.Concat)) continue;
            for (Copy c : concatCopies(node.id())) floats += c.from().shape().size();
        }
        return floats;
    }
}
