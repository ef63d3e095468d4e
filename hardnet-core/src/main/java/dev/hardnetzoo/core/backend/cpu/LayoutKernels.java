package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/** Kernels that only move elements: NCHW to channels-last rows, concatenation along an axis, a concat's copies. */
public final class LayoutKernels {
    /** Floats per copy task at most: large enough that a task outweighs handing it to a thread. */
    private static final int COPY_RUN = 16 * 1024;

    private LayoutKernels() {}

    /** [N, C, H, W] (possibly a strided channel slice) to dense NHWC order in {@code out}; out must not overlap in. */
    public static void channelsLast(float[] arena, Slice in, Slice out, Parallel par) {
        Shape s = in.shape();
        if (s.rank() != 4 || out.shape().n() != s.n() || out.shape().perItem() != s.perItem()) {
            throw new IllegalArgumentException("channels-last of " + s + " into " + out.shape());
        }
        int channels = s.c();
        int plane = in.plane();
        par.forEach(s.n() * channels, task -> {
            int n = task / channels;
            int c = task % channels;
            int src = in.at(n, c);
            int dst = out.offset() + n * out.batchStride() + c;
            for (int p = 0; p < plane; p++) arena[dst + p * channels] = arena[src + p];
        });
    }

    /** {@code torch.cat(inputs, axis)} of dense tensors: each input's blocks are copied in turn. */
    public static void concatAxis(float[] arena, Slice[] inputs, Slice out, int axis, Parallel par) {
        Shape o = out.shape();
        long inner = product(o, axis + 1, o.rank());
        long outer = product(o, 1, axis);
        long outBlock = o.dim(axis) * inner;
        long[] starts = new long[inputs.length];
        long at = 0;
        for (int i = 0; i < inputs.length; i++) {
            starts[i] = at;
            at += inputs[i].shape().dim(axis) * inner;
        }
        if (at != outBlock) throw new IllegalArgumentException("concat along axis " + axis + " does not fill " + o);
        int items = o.n();
        par.forEach(items * inputs.length, task -> {
            int n = task / inputs.length;
            Slice in = inputs[task % inputs.length];
            int block = (int) (in.shape().dim(axis) * inner);
            for (long k = 0; k < outer; k++) {
                int src = (int) (in.offset() + (long) n * in.batchStride() + k * block);
                int dst = (int) (out.offset() + (long) n * out.batchStride() + k * outBlock + starts[task % inputs.length]);
                System.arraycopy(arena, src, arena, dst, block);
            }
        });
    }

    /**
     * Copies from each {@code from[i]} into {@code to[i]} (same shapes, possibly channel slices), all
     * in one parallel call: a concat's copies are many and small, and one call per copy would pay
     * for waking the threads each time. The runs are worked out once, here.
     */
    static CpuStep copies(Slice[] from, Slice[] to) {
        List<int[]> runs = new ArrayList<>(); // {src, dst, length}
        for (int i = 0; i < from.length; i++) {
            Shape s = from[i].shape();
            if (s.n() != to[i].shape().n() || s.perItem() != to[i].shape().perItem()) {
                throw new IllegalArgumentException("cannot copy " + s + " into " + to[i].shape());
            }
            int perItem = (int) s.perItem();
            for (int n = 0; n < s.n(); n++) {
                for (int at = 0; at < perItem; at += COPY_RUN) {
                    runs.add(new int[] {from[i].offset() + n * from[i].batchStride() + at,
                        to[i].offset() + n * to[i].batchStride() + at, Math.min(COPY_RUN, perItem - at)});
                }
            }
        }
        int[][] r = runs.toArray(int[][]::new);
        return (arena, par) -> par.forEach(r.length, t -> System.arraycopy(arena, r[t][0], arena, r[t][1], r[t][2]));
    }

    private static long product(Shape s, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) p *= s.dim(d);
        return p;
    }
}
