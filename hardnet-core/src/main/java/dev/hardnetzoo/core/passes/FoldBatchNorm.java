package dev.hardnetzoo.core.passes;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Op;

/**
 * Folds an inference BatchNorm into the convolution in front of it, so the conv's weights and
 * bias absorb the affine and one full pass over the tensor disappears. Structural only: the
 * conv records which BatchNorm to fold, backends fold the numbers when they load weights.
 */
public final class FoldBatchNorm {
    private FoldBatchNorm() {}

    public static Graph apply(Graph graph) {
        return NodeMerge.mergeInto(graph, (producer, node) -> {
            if (node.op() instanceof Op.BatchNorm bn && bn.activation() == Activation.NONE
                    && producer.op() instanceof Op.Conv2d conv
                    && conv.foldedBn() == null && conv.activation() == Activation.NONE) {
                return conv.withFoldedBn(bn.params());
            }
            return null;
        });
    }
}
