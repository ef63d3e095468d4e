package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Op;

/**
 * Bilinear and nearest resizes exactly as PyTorch's upsample_bilinear2d and upsample_nearest2d
 * (float arithmetic, same formulas).
 */
public final class ResizeKernel {
    private static final int MIN_ROWS = 4;

    private ResizeKernel() {}

    public static void bilinear(float[] arena, Slice in, Slice out, Op.Resize op, Parallel par) {
        var s = in.shape();
        var o = out.shape();
        checkShapes(in, out, op.outH(), op.outW(), op);
        int inH = s.h();
        int inW = s.w();
        int outW = o.w();
        float scaleH = scale(inH, o.h(), op.alignCorners(), op.scaleH());
        float scaleW = scale(inW, outW, op.alignCorners(), op.scaleW());
        // Column sources and weights are the same for every row and channel: work them out once.
        int[] x0s = new int[outW];
        int[] x1s = new int[outW];
        float[] lx1s = new float[outW];
        for (int ox = 0; ox < outW; ox++) {
            float fx = source(scaleW, ox, op.alignCorners());
            x0s[ox] = (int) fx;
            x1s[ox] = x0s[ox] + (x0s[ox] < inW - 1 ? 1 : 0);
            lx1s[ox] = fx - x0s[ox];
        }
        int channels = s.c();
        WorkSplit split = WorkSplit.of(s.n() * channels, o.h(), MIN_ROWS, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            int src = in.at(item / channels, item % channels);
            int dst = out.at(item / channels, item % channels);
            // Each input row's horizontal blends (the parenthesised terms of PyTorch's formula) serve
            // every output row that reads that input row: an upscale by k computes them 1/k as often.
            float[] rows = Scratch.floats(2 * outW); // blends of input rows held[0] and held[1]
            int[] held = {-1, -1};
            for (int oy = split.start(t); oy < split.end(t); oy++) {
                float fy = source(scaleH, oy, op.alignCorners());
                int y0 = (int) fy;
                int y1 = y0 + (y0 < inH - 1 ? 1 : 0);
                float ly1 = fy - y0;
                float ly0 = 1f - ly1;
                int h0 = blendedRow(arena, src + y0 * inW, y0, x0s, x1s, lx1s, rows, held);
                int h1 = blendedRow(arena, src + y1 * inW, y1, x0s, x1s, lx1s, rows, held);
                int d = dst + oy * outW;
                for (int ox = 0; ox < outW; ox++) arena[d + ox] = ly0 * rows[h0 + ox] + ly1 * rows[h1 + ox];
            }
        });
    }

    /**
     * The offset in {@code rows} of input row y's blends lx0 * row[x0] + lx1 * row[x1] per output
     * column, computing them into the slot not holding the other row in use when not yet there.
     */
    private static int blendedRow(float[] a, int row, int y, int[] x0s, int[] x1s, float[] lx1s, float[] rows,
                                  int[] held) {
        int outW = x0s.length;
        if (held[0] == y) return 0;
        if (held[1] == y) return outW;
        // Rows are visited in increasing order: the lower held row is the one no longer needed.
        int slot = held[0] < held[1] ? 0 : 1;
        held[slot] = y;
        int o = slot * outW;
        for (int ox = 0; ox < outW; ox++) {
            float lx1 = lx1s[ox];
            float lx0 = 1f - lx1;
            rows[o + ox] = lx0 * a[row + x0s[ox]] + lx1 * a[row + x1s[ox]];
        }
        return o;
    }

    public static void nearest(float[] arena, Slice in, Slice out, Op.ResizeNearest op, Parallel par) {
        var s = in.shape();
        var o = out.shape();
        checkShapes(in, out, op.outH(), op.outW(), op);
        int inW = s.w();
        int outW = o.w();
        int[] columns = new int[outW];
        for (int ox = 0; ox < outW; ox++) columns[ox] = nearestSource(ox, inW, outW, op.scaleW());
        int channels = s.c();
        WorkSplit split = WorkSplit.of(s.n() * channels, o.h(), MIN_ROWS, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            int src = in.at(item / channels, item % channels);
            int dst = out.at(item / channels, item % channels);
            for (int oy = split.start(t); oy < split.end(t); oy++) {
                int row = src + nearestSource(oy, s.h(), o.h(), op.scaleH()) * inW;
                int d = dst + oy * outW;
                for (int ox = 0; ox < outW; ox++) arena[d + ox] = arena[row + columns[ox]];
            }
        });
    }

    private static void checkShapes(Slice in, Slice out, int outH, int outW, Op op) {
        var s = in.shape();
        var o = out.shape();
        if (s.rank() != 4 || o.rank() != 4 || s.n() != o.n() || s.c() != o.c() || o.h() != outH || o.w() != outW) {
            throw new IllegalArgumentException("resize " + s + " -> " + o + " does not match " + op);
        }
    }

    /** PyTorch's nearest_idx: identity and exact doubling by index, else min(floor(dst * scale), in - 1) in float. */
    public static int nearestSource(int dst, int in, int out, double requested) {
        if (out == in) return dst;
        if (out == 2 * in) return dst >> 1;
        float scale = requested > 0 ? (float) (1.0 / requested) : (float) in / out;
        return Math.min((int) Math.floor(dst * scale), in - 1);
    }

    /** PyTorch's area_pixel_compute_scale. */
    public static float scale(int in, int out, boolean alignCorners, double requested) {
        if (alignCorners) return out > 1 ? (float) (in - 1) / (out - 1) : 0f;
        return requested > 0 ? (float) (1.0 / requested) : (float) in / out;
    }

    /** PyTorch's area_pixel_compute_source_index for linear modes. */
    static float source(float scale, int dst, boolean alignCorners) {
        if (alignCorners) return scale * dst;
        return Math.max(scale * (dst + 0.5f) - 0.5f, 0f);
    }
}
