package dev.hardnetzoo.core.graph;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.List;

/**
 * One operation in a graph. {@code name} is the PyTorch module path that produced it
 * (e.g. {@code base.3.layers.0.conv}), so errors and per-layer reports read like the reference.
 */
public record Node(int id, String name, Op op, List<Integer> inputs, Shape shape) {
    public Node {
        inputs = List.copyOf(inputs);
    }

    public Node withOp(Op newOp) {
        return new Node(id, name, newOp, inputs, shape);
    }
}
