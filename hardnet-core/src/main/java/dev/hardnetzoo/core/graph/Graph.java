package dev.hardnetzoo.core.graph;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as a list of nodes in execution order (node id = index), its outputs, and the
 * tensors it expects in its weights file. Immutable: passes return new graphs.
 */
public final class Graph {
    private final List<Node> nodes;
    private final List<Integer> outputs;
    private final Map<String, ParamSpec> params;
    private final Set<String> optionalTensors;

    public Graph(List<Node> nodes, List<Integer> outputs, Map<String, ParamSpec> params, Set<String> optionalTensors) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) throw new IllegalArgumentException("node " + i + " has id " + nodes.get(i).id());
            for (int in : nodes.get(i).inputs()) {
                if (in >= i) throw new IllegalArgumentException("node " + nodes.get(i).name() + " reads a later node " + in);
            }
        }
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.optionalTensors = Set.copyOf(optionalTensors);
    }

    public List<Node> nodes() { return nodes; }
    public Node node(int id) { return nodes.get(id); }
    public List<Integer> outputs() { return outputs; }

    /** Tensors the weights file must hold, by official name, in registration order. */
    public Map<String, ParamSpec> params() { return params; }

    /** Tensors a weights file may hold that the model ignores (e.g. BatchNorm num_batches_tracked). */
    public Set<String> optionalTensors() { return optionalTensors; }

    public Node input() { return nodes.get(0); }
    public Shape inputShape() { return nodes.get(0).shape(); }

    /** Number of trainable parameters, as PyTorch's {@code sum(p.numel() for p in model.parameters())}. */
    public long parameterCount() {
        long n = 0;
        for (ParamSpec p : params.values()) if (p.trainable()) n += p.shape().size();
        return n;
    }

    /** For each node, the ids of the nodes that read it. */
    public List<List<Integer>> consumers() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) out.add(new ArrayList<>());
        for (Node n : nodes) for (int in : n.inputs()) out.get(in).add(n.id());
        return out;
    }

    /** Same params and outputs, new nodes (ids renumbered by the caller). */
    public Graph withNodes(List<Node> newNodes, List<Integer> newOutputs) {
        return new Graph(newNodes, newOutputs, params, optionalTensors);
    }
}
