package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;

/** Builds a model's graph for an input shape (NCHW) and a class count. */
@FunctionalInterface
public interface Architecture {
    Graph build(Shape input, int numClasses);
}
