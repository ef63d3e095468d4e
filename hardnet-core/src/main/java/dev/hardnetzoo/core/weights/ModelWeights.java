package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.tensor.Dtype;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a model's parameters from a weights file, all or nothing: the file must hold exactly
 * the tensors the graph expects (plus, optionally, the ones it ignores), with the right shapes,
 * in a float type, and with finite values.
 */
public final class ModelWeights {
    /** More problems than this usually mean the wrong file; listing them all would bury the message. */
    static final int MAX_LISTED = 20;

    private ModelWeights() {}

    /** Parameter name to float32 values (row-major), in the graph's registration order; unmodifiable. */
    public static Map<String, float[]> load(Graph graph, Weights weights) {
        checkMatches(graph, weights);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : graph.params().keySet()) {
            float[] data = weights.tensor(name).data();
            checkFinite(weights.source(), name, data);
            out.put(name, data);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reports every missing, unexpected, misshapen or non-float tensor in one exception. */
    static void checkMatches(Graph graph, Weights weights) {
        List<String> problems = new ArrayList<>();
        for (ParamSpec p : graph.params().values()) {
            if (!weights.names().contains(p.name())) {
                problems.add("missing tensor '" + p.name() + "' " + p.shape());
                continue;
            }
            Shape actual = weights.shape(p.name());
            if (!actual.equals(p.shape())) {
                problems.add("tensor '" + p.name() + "' has shape " + actual + ", expected " + p.shape());
            }
            String dtype = weights.dtype(p.name());
            if (!Dtype.named(dtype).map(Dtype::isFloat).orElse(false)) {
                problems.add("tensor '" + p.name() + "' has dtype " + dtype + ", expected a float type");
            }
        }
        for (String name : weights.names()) {
            if (!graph.params().containsKey(name) && !graph.optionalTensors().contains(name)) {
                problems.add("unexpected tensor '" + name + "' " + weights.shape(name));
            }
        }
        if (!problems.isEmpty()) throw new WeightsException(report(weights.source(), problems));
    }

    private static String report(String source, List<String> problems) {
        StringBuilder sb = new StringBuilder(source).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(" matching the model's parameters:");
        problems.stream().limit(MAX_LISTED).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more (so many usually means weights of another model)");
        }
        return sb.toString();
    }

    private static void checkFinite(String source, String name, float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw WeightsException.forTensor(source, name, "has a non-finite value " + data[i] + " at index " + i);
            }
        }
    }
}
