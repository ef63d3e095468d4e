package dev.hardnetzoo.core.passes;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The rewrite both fusion passes share: a node that only post-processes its producer is folded
 * into that producer (the producer's op absorbs it) and removed; its readers read the producer.
 */
final class NodeMerge {
    private NodeMerge() {}

    /**
     * For every node for which {@code absorb(producer, node)} returns a new producer op, merges
     * the node into its single input. Only merges when the producer has no other reader and is
     * not a graph output, so no one observes the unfused value.
     */
    static Graph mergeInto(Graph graph, BiFunction<Node, Node, Op> absorb) {
        List<List<Integer>> readers = graph.consumers();
        int n = graph.nodes().size();
        Op[] ops = new Op[n];
        int[] redirect = new int[n]; // node id -> id of the node that now produces its value
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n; i++) {
            ops[i] = graph.node(i).op();
            redirect[i] = i;
        }
        for (Node node : graph.nodes()) {
            if (node.inputs().size() != 1) continue;
            int producerId = redirect[node.inputs().get(0)];
            Node producer = graph.node(producerId).withOp(ops[producerId]);
            if (readers.get(node.inputs().get(0)).size() != 1 || graph.outputs().contains(node.inputs().get(0))) continue;
            Op merged = absorb.apply(producer, node);
            if (merged == null) continue;
            ops[producerId] = merged;
            redirect[node.id()] = producerId;
            removed[node.id()] = true;
        }
        return renumber(graph, ops, redirect, removed);
    }

    private static Graph renumber(Graph graph, Op[] ops, int[] redirect, boolean[] removed) {
        int n = ops.length;
        int[] newId = new int[n];
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (removed[i]) continue;
            newId[i] = out.size();
            Node old = graph.node(i);
            List<Integer> inputs = old.inputs().stream().map(in -> newId[resolve(redirect, in)]).toList();
            out.add(new Node(newId[i], old.name(), ops[i], inputs, old.shape()));
        }
        List<Integer> outputs = graph.outputs().stream().map(o -> newId[resolve(redirect, o)]).toList();
        return graph.withNodes(out, outputs);
    }

    private static int resolve(int[] redirect, int id) {
        while (redirect[id] != id) id = redirect[id];
        return id;
    }

}
