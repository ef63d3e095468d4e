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
            for (int oy = split.start(t); oy < split.end(t); oy++) {
                float fy = source(scaleH, oy, op.alignCorners());
                int y0 = (int) fy;
                int y1 = y0 + (y0 < inH - 1 ? 1 : 0);
                float ly1 = fy - y0;
                float ly0 = 1f - ly1;
                int r0 = src + y0 * inW;
                int r1 = src + y1 * inW;
                int d = dst + oy * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = x0s[ox];
                    int x1 = x1s[ox];
                    float lx1 = lx1s[ox];
                    float lx0 = 1f - lx1;
                    arena[d + ox] = ly0 * (lx0 * arena[r0 + x0] + lx1 * arena[r0 + x1])
                            + ly1 * (lx0 * arena[r1 + x0] + lx1 * arena[r1 + x1]);
                }
            }
        });
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
