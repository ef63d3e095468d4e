package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Graph;
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
}
