package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;

/**
 * Softmax along one axis (1 = features of [N, C], or channels of NCHW per pixel), stable by
 * subtracting the maximum. Each batch item is viewed as [outer, axis, inner]; out may be in.
 */
public final class SoftmaxKernel {
    /** Inner positions per task at least. */
    private static final int MIN_INNER = 256;
    /** Positions handled together, bounding the per-thread scratch. */
    private static final int CHUNK = 1024;

    private SoftmaxKernel() {}

    public static void run(float[] arena, Slice in, Slice out, int axis, Parallel par) {
        Shape s = in.shape();
        if (!s.equals(out.shape()) || axis < 1 || axis >= s.rank()) {
            throw new IllegalArgumentException("softmax axis " + axis + " of " + s + " -> " + out.shape());
        }
        int len = s.dim(axis);
        int inner = (int) product(s, axis + 1);
        int outer = (int) (s.perItem() / ((long) len * inner));
        WorkSplit split = WorkSplit.of(s.n() * outer, inner, MIN_INNER, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            int rel = item % outer * len * inner; // offset of this [axis, inner] block within the item
            int src = in.offset() + item / outer * in.batchStride() + rel;
            int dst = out.offset() + item / outer * out.batchStride() + rel;
            for (int i0 = split.start(t); i0 < split.end(t); i0 += CHUNK) {
                chunk(arena, src, dst, len, inner, i0, Math.min(CHUNK, split.end(t) - i0));
            }
        });
    }

    /**
     * Positions [i0, i0+m) of one block, walking the axis in the outer loop so that each pass
     * reads contiguous rows (NCHW channels are a plane apart). Per-position max and sum live in
     * scratch. Reads of x precede the write at the same index, so out may be in.
     */
    private static void chunk(float[] a, int src, int dst, int len, int stride, int i0, int m) {
        float[] tmp = Scratch.floats(2 * m);
        Arrays.fill(tmp, 0, m, Float.NEGATIVE_INFINITY);
        Arrays.fill(tmp, m, 2 * m, 0f);
        for (int k = 0; k < len; k++) {
            int row = src + k * stride + i0;
            for (int i = 0; i < m; i++) tmp[i] = Math.max(tmp[i], a[row + i]);
        }
        for (int k = 0; k < len; k++) {
            int in = src + k * stride + i0;
            int out = dst + k * stride + i0;
            for (int i = 0; i < m; i++) {
                float e = (float) Math.exp(a[in + i] - tmp[i]);
                a[out + i] = e;
                tmp[m + i] += e;
            }
        }
        for (int k = 0; k < len; k++) {
            int out = dst + k * stride + i0;
            for (int i = 0; i < m; i++) a[out + i] /= tmp[m + i];
        }
    }

    /** Product of the dimensions from {@code from} on (1 when none). */
    private static long product(Shape s, int from) {
        long p = 1;
        for (int d = from; d < s.rank(); d++) p *= s.dim(d);
        return p;
    }
}
