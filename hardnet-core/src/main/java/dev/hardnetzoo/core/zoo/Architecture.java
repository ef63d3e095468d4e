package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;

/** Builds a model's graph for an input shape (NCHW) and a class count. */
@FunctionalInterface
public interface Architecture {
    Graph build(Shape input, int numClasses);

    /**
     * The arguments every RGB-image model checks before building, so that a wrong input or class
     * count fails with the same message, naming the model, whichever family it belongs to.
     */
    static void requireRgbInput(String model, Shape input, int numClasses) {
        if (input.rank() != 4 || input.c() != 3) {
            throw new IllegalArgumentException(model + " takes 3-channel NCHW images, got " + input);
        }
        if (numClasses < 1) throw new IllegalArgumentException(model + ": class count must be at least 1, got " + numClasses);
    }
}
