package dev.hardnetzoo.core.passes;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Average pooling after a 1x1 conv runs before it instead (DenseNet's transitions: conv then 2x2
 * average pool), so the conv multiplies a quarter of the pixels. Both are linear, so the order
 * does not change the result beyond float rounding: each pooled value is an average, weights
 * summing to 1, and a 1x1 conv (with its folded BatchNorm and bias) is the same affine map at
 * every pixel. Only when nothing else reads the conv, it has no activation, and every pool
 * window lies inside the input (no padding, no ceil-mode overhang), where that holds exactly.
 * The two nodes keep their ids, so readers of the pool now read the conv.
 */
public final class PoolBeforePointwiseConv {
    private PoolBeforePointwiseConv() {}

    public static Graph apply(Graph graph) {
        List<List<Integer>> readers = graph.consumers();
        List<Node> nodes = new ArrayList<>(graph.nodes());
        for (Node pool : graph.nodes()) {
            if (!(pool.op() instanceof Op.AvgPool ap) || pool.inputs().size() != 1) continue;
            Node conv = graph.node(pool.inputs().get(0));
            if (!(conv.op() instanceof Op.Conv2d c) || !commutes(c, ap, conv.shape(), pool.shape())
                    || !readers.get(conv.id()).equals(List.of(pool.id())) || graph.outputs().contains(conv.id())) {
                continue;
            }
            Shape in = graph.node(conv.inputs().get(0)).shape();
            Shape pooled = Shape.nchw(in.n(), in.c(), pool.shape().h(), pool.shape().w());
            nodes.set(conv.id(), new Node(conv.id(), pool.name(), ap, conv.inputs(), pooled));
            nodes.set(pool.id(), new Node(pool.id(), conv.name(), c, List.of(conv.id()), pool.shape()));
        }
        return graph.withNodes(nodes, graph.outputs());
    }

    private static boolean commutes(Op.Conv2d c, Op.AvgPool p, Shape convOut, Shape poolOut) {
        boolean linear = c.activation() == null || c.activation() == Activation.NONE;
        return c.isPointwise() && linear && p.padH() == 0 && p.padW() == 0
                && windowsInside(convOut.h(), poolOut.h(), p.kernelH(), p.strideH())
                && windowsInside(convOut.w(), poolOut.w(), p.kernelW(), p.strideW());
    }

    /** Whether each of a pool's {@code outputs} windows (no padding) along one axis ends inside the input. */
    private static boolean windowsInside(int size, int outputs, int kernel, int stride) {
        return (long) (outputs - 1) * stride + kernel <= size;
    }
}
