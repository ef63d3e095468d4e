package dev.hardnetzoo.core.passes;

import dev.hardnetzoo.core.graph.Graph;

/** The standard optimisation pipeline run before planning. Concat-in-place is decided by the memory planner. */
public final class Passes {
    private Passes() {}

    public static Graph optimize(Graph graph) {
        return PoolBeforePointwiseConv.apply(FuseActivation.apply(FoldBatchNorm.apply(graph)));
    }
}
