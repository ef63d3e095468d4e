package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plans activation memory for a graph in execution order:
 * <ol>
 *   <li>Concat in place: a tensor read by a concat is produced directly into its channel slice
 *       of the concat's buffer. A tensor read by several concats (HarDNet's links) joins the
 *       last of them, the one that lives longest; the others copy it, unless a concat's inputs
 *       all sit side by side, in order, in one later concat's buffer (DenseNet's growing
 *       {@code cat(x0, ..., xk)}, a prefix of the block's output): that concat is then that
 *       channel range itself and moves nothing.</li>
 *   <li>Liveness: each buffer lives from the first write into it to its last read. The input of a
 *       stand-alone BatchNorm with one reader lives until that reader: a backend may fuse the two,
 *       normalising as the reader reads (DenseNet's pre-activation BatchNorm-ReLU before each conv
 *       and transition pool).</li>
 *   <li>Reuse: buffers whose lifetimes do not overlap share addresses; offsets are assigned
 *       greedily, largest buffer first, at the lowest address free for its whole lifetime.</li>
 * </ol>
 */
public final class MemoryPlanner {
    /** Offsets are multiples of this many floats (64 bytes: one cache line, one AVX-512 vector). */
    private static final int ALIGN = 16;

    private MemoryPlanner() {}

    public static MemoryPlan plan(Graph graph) {
        return plan(graph, 0);
    }

    /**
     * As {@link #plan(Graph)} with every tensor {@code leadingFloats} (0 to 15) further into the
     * arena, so that a backend can put the 64-byte boundaries of the offsets on those of memory.
     */
    public static MemoryPlan plan(Graph graph, int leadingFloats) {
        if (leadingFloats < 0 || leadingFloats >= ALIGN) {
            throw new IllegalArgumentException("leadingFloats must be in [0, " + ALIGN + "), got " + leadingFloats);
        }
        int n = graph.nodes().size();
        List<List<Integer>> readers = graph.consumers();
        int[] host = new int[n];          // the concat whose buffer holds this tensor, or -1
        int[] channelOffset = new int[n]; // channel offset inside the host
        Arrays.fill(host, -1);
        assignConcatHosts(graph, host, channelOffset);

        // Each tensor's storage root: follow hosts up (a concat may itself live inside a concat).
        int[] root = new int[n];
        int[] rootChannel = new int[n];
        for (int i = 0; i < n; i++) {
            int r = i;
            int ch = 0;
            while (host[r] >= 0) {
                ch += channelOffset[r];
                r = host[r];
            }
            root[i] = r;
            rootChannel[i] = ch;
        }

        // Lifetimes of roots, in node-execution steps.
        int[] start = new int[n];
        int[] end = new int[n];
        Arrays.fill(start, Integer.MAX_VALUE);
        Arrays.fill(end, -1);
        for (int i = 0; i < n; i++) {
            int r = root[i];
            start[r] = Math.min(start[r], i);
            int last = i;
            for (int reader : readers.get(i)) last = Math.max(last, reader);
            if (graph.outputs().contains(i)) last = n;
            end[r] = Math.max(end[r], last);
        }
        for (int i = 0; i < n; i++) {
            List<Integer> bnReaders = readers.get(i);
            if (graph.node(i).op() instanceof Op.BatchNorm && bnReaders.size() == 1) {
                int r = root[graph.node(i).inputs().get(0)];
                end[r] = Math.max(end[r], bnReaders.get(0));
            }
        }

        List<Integer> roots = new ArrayList<>();
        long unplanned = 0;
        for (int i = 0; i < n; i++) {
            if (root[i] == i) roots.add(i);
            unplanned += graph.node(i).shape().size();
        }
        long[] offset = new long[n];
        long arena = assignOffsets(graph, roots, start, end, offset);

        List<Slice> slices = new ArrayList<>(n);
        boolean[] inPlace = new boolean[n];
        for (int i = 0; i < n; i++) {
            Shape own = graph.node(i).shape();
            Shape rootShape = graph.node(root[i]).shape();
            long off = leadingFloats + offset[root[i]] + (long) rootChannel[i] * plane(rootShape);
            long batchStride = rootShape.perItem();
            if (arena > Integer.MAX_VALUE - 64) {
                throw new ActivationMemoryException(arena * Float.BYTES, "activations of " + arena * 4 / (1 << 20)
                        + " MiB exceed one arena's 8 GiB limit; use a smaller input or batch");
            }
            slices.add(new Slice((int) off, (int) batchStride, own));
            inPlace[i] = host[i] >= 0;
        }
        return new MemoryPlan(graph, slices, inPlace, leadingFloats + arena, unplanned);
    }

    /** Decides, for each concat input, whether it is produced in place. Later concats choose first. */
    private static void assignConcatHosts(Graph graph, int[] host, int[] channelOffset) {
        List<Node> nodes = graph.nodes();
        boolean[] isOutput = new boolean[nodes.size()];
        for (int o : graph.outputs()) isOutput[o] = true;
        for (int c = nodes.size() - 1; c >= 0; c--) {
            Node concat = nodes.get(c);
            if (!(concat.op() instanceof Op.Concat)) continue;
            if (host[c] < 0 && !isOutput[c] && aliasRangeOfHost(concat, host, channelOffset, nodes)) continue;
            int ch = 0;
            boolean[] seen = new boolean[nodes.size()];
            for (int in : concat.inputs()) {
                Node producer = nodes.get(in);
                boolean eligible = host[in] < 0 && !seen[in] && !isOutput[in]
                        && !(producer.op() instanceof Op.Input) && producer.shape().rank() == 4;
                if (eligible) {
                    host[in] = c;
                    channelOffset[in] = ch;
                }
                seen[in] = true; // the same tensor twice in one concat: the second copy is a copy
                ch += producer.shape().c();
            }
        }
    }

    /**
     * If every input of {@code concat} already lives in one host, in order and with no gap,
     * makes the concat that channel range of the host (its inputs stay where they are).
     */
    private static boolean aliasRangeOfHost(Node concat, int[] host, int[] channelOffset, List<Node> nodes) {
        int first = concat.inputs().get(0);
        int h = host[first];
        if (h < 0) return false;
        int expected = channelOffset[first];
        for (int in : concat.inputs()) {
            if (host[in] != h || channelOffset[in] != expected) return false;
            expected += nodes.get(in).shape().c();
        }
        host[concat.id()] = h;
        channelOffset[concat.id()] = channelOffset[first];
        return true;
    }

    private static long plane(Shape s) {
        return s.rank() == 4 ? (long) s.h() * s.w() : 1;
    }

    /** Greedy by size: the largest buffer first, at the lowest aligned offset free over its lifetime. */
    private static long assignOffsets(Graph graph, List<Integer> roots, int[] start, int[] end, long[] offset) {
        List<Integer> order = new ArrayList<>(roots);
        order.sort(Comparator.comparingLong((Integer r) -> graph.node(r).shape().size()).reversed()
                .thenComparingInt(r -> r));
        List<Integer> placed = new ArrayList<>();
        long arena = 0;
        for (int r : order) {
            long size = align(graph.node(r).shape().size());
            List<long[]> busy = new ArrayList<>();
            for (int p : placed) {
                if (start[p] <= end[r] && start[r] <= end[p]) {
                    busy.add(new long[] {offset[p], offset[p] + align(graph.node(p).shape().size())});
                }
            }
            busy.sort(Comparator.comparingLong(a -> a[0]));
            long candidate = 0;
            for (long[] b : busy) {
                if (candidate + size <= b[0]) break;
                candidate = Math.max(candidate, b[1]);
            }
            offset[r] = candidate;
            placed.add(r);
            arena = Math.max(arena, candidate + size);
        }
        return arena;
    }

    private static long align(long floats) {
        return (floats + ALIGN - 1) / ALIGN * ALIGN;
    }
}
