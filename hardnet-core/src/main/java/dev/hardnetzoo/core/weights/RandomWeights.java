package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.graph.BatchNormParams;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic random weights under a model's official names, for benchmarks and for tests
 * without pretrained files. The same seed gives the same bytes on every machine (tensors are
 * drawn in the graph's registration order from one {@link SplittableRandom}).
 * The scheme keeps activations in a sane range through deep nets, as the reference fixtures do:
 * conv weights He-normal, conv/linear biases and BatchNorm bias/mean N(0, 0.1), BatchNorm
 * weight and variance U(0.5, 1.5), linear weights N(0, 1/fan_in), L2Norm scales U(0.5, 1.5).
 */
public final class RandomWeights {
    private RandomWeights() {}

    public static Map<String, Tensor> generate(Graph graph, long seed) {
        Map<String, Kind> kinds = kinds(graph);
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParamSpec p : graph.params().values()) {
            Tensor t = Tensor.zeros(p.shape());
            float[] d = t.data();
            Kind kind = kinds.getOrDefault(p.name(), Kind.ONE);
            double fanIn = p.shape().rank() > 1 ? p.shape().perItem() : 1;
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) switch (kind) {
                    case HE_NORMAL -> rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
                    case LECUN_NORMAL -> rng.nextGaussian() * Math.sqrt(1.0 / fanIn);
                    case SMALL_NORMAL -> rng.nextGaussian() * 0.1;
                    case AROUND_ONE -> 0.5 + rng.nextDouble();
                    case ONE -> 1.0;
                };
            }
            out.put(p.name(), t);
        }
        return out;
    }

    /** {@link #generate} as the name-to-array map that {@code Model.of} takes. */
    public static Map<String, float[]> arrays(Graph graph, long seed) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        generate(graph, seed).forEach((name, t) -> arrays.put(name, t.data()));
        return arrays;
    }

    private enum Kind { HE_NORMAL, LECUN_NORMAL, SMALL_NORMAL, AROUND_ONE, ONE }

    private static Map<String, Kind> kinds(Graph graph) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            switch (node.op()) {
                case Op.Conv2d c -> {
                    kinds.put(c.weight(), Kind.HE_NORMAL);
                    if (c.bias() != null) kinds.put(c.bias(), Kind.SMALL_NORMAL);
                }
                case Op.ConvTranspose2d c -> {
                    kinds.put(c.weight(), Kind.HE_NORMAL);
                    if (c.bias() != null) kinds.put(c.bias(), Kind.SMALL_NORMAL);
                }
                case Op.Linear l -> {
                    kinds.put(l.weight(), Kind.LECUN_NORMAL);
                    if (l.bias() != null) kinds.put(l.bias(), Kind.SMALL_NORMAL);
                }
                case Op.BatchNorm bn -> batchNorm(kinds, bn.params());
                case Op.L2Norm l -> kinds.put(l.weight(), Kind.AROUND_ONE);
                default -> { }
            }
        }
        return kinds;
    }

    private static void batchNorm(Map<String, Kind> kinds, BatchNormParams p) {
        kinds.put(p.weight(), Kind.AROUND_ONE);
        kinds.put(p.bias(), Kind.SMALL_NORMAL);
        kinds.put(p.runningMean(), Kind.SMALL_NORMAL);
        kinds.put(p.runningVar(), Kind.AROUND_ONE);
    }
}
