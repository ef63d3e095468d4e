package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.RandomWeights;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random weights and inputs, for measuring models without pretrained files (speed does not depend on values). */
public final class RandomModels {
    private RandomModels() {}

    /** {@link RandomWeights} for every tensor of {@code graph}, as the float arrays a Model takes. */
    public static Map<String, float[]> weights(Graph graph, long seed) {
        return RandomWeights.arrays(graph, seed);
    }

    /** A standard-normal input of {@code shape}. */
    public static Tensor input(Shape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return t;
    }
}
