package dev.hardnetzoo.core.passes;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Op;

/** Moves a ReLU/ReLU6 into the conv, BatchNorm or add that produces its input: one write instead of two. */
public final class FuseActivation {
    private FuseActivation() {}

    public static Graph apply(Graph graph) {
        return NodeMerge.mergeInto(graph, (producer, node) -> {
            if (!(node.op() instanceof Op.Act act)) return null;
            Activation a = act.activation();
            return switch (producer.op()) {
                case Op.Conv2d c when c.activation() == Activation.NONE -> c.withActivation(a);
                case Op.BatchNorm b when b.activation() == Activation.NONE -> new Op.BatchNorm(b.params(), a);
                case Op.Add add when add.activation() == Activation.NONE -> new Op.Add(a);
                default -> null;
            };
        });
    }
}
