package dev.hardnetzoo.core.backend.cpu;

import java.util.Arrays;

/**
 * Fills one im2col tile: rows are GEMM depth indices k = (ci * kH + ky) * kW + kx of a group,
 * columns are a run of flattened output pixels; taps in the padding read as zero. Stride-2 rows
 * are gathered on the Vector API when {@link VectorSupport#AVAILABLE}.
 */
final class Im2col {
    private Im2col() {}

    /**
     * @param inBase arena offset of the group's first input channel (of one batch item)
     * @param dst    row (k - k0) receives the tile in its first {@code cols} elements
     */
    static void fill(ConvGeometry g, float[] arena, int inBase, int k0, int kLen, int p0, int cols, float[][] dst) {
        int kArea = g.kH() * g.kW();
        for (int r = 0; r < kLen; r++) {
            int k = k0 + r;
            int ci = k / kArea;
            int ky = k % kArea / g.kW();
            int kx = k % g.kW();
            fillRow(g, arena, inBase + ci * g.inPlane(), ky * g.dilH() - g.padH(), kx * g.dilW() - g.padW(),
                    p0, cols, dst[r], 0);
        }
    }

    /** As {@link #fill(ConvGeometry, float[], int, int, int, int, int, float[][])}, row r at {@code dst[r * ld]}. */
    static void fill(ConvGeometry g, float[] arena, int inBase, int k0, int kLen, int p0, int cols,
                     float[] dst, int ld) {
        int kArea = g.kH() * g.kW();
        for (int r = 0; r < kLen; r++) {
            int k = k0 + r;
            int ci = k / kArea;
            int ky = k % kArea / g.kW();
            int kx = k % g.kW();
            fillRow(g, arena, inBase + ci * g.inPlane(), ky * g.dilH() - g.padH(), kx * g.dilW() - g.padW(),
                    p0, cols, dst, r * ld);
        }
    }

    /** One tap over the tile: output pixel (oy, ox) reads input (oy*sH + dy, ox*sW + dx). */
    private static void fillRow(ConvGeometry g, float[] a, int plane, int dy, int dx, int p0, int cols,
                                float[] dst, int dstOff) {
        int d = dstOff;
        int ow = g.outW();
        int sw = g.strideW();
        // Output columns whose tap lies inside the input: ox in [lo, hi).
        int lo = Math.min(ow, (Math.max(0, -dx) + sw - 1) / sw);
        int hi = Math.max(lo, Math.min(ow, Math.floorDiv(g.inW() - 1 - dx, sw) + 1));
        int p = p0;
        int end = p0 + cols;
        while (p < end) {
            int oy = p / ow;
            int ox0 = p - oy * ow;
            int ox1 = Math.min(ow, ox0 + (end - p));
            int iy = oy * g.strideH() + dy;
            if (iy < 0 || iy >= g.inH()) {
                Arrays.fill(dst, d, d + (ox1 - ox0), 0f);
            } else {
                int a0 = Math.max(ox0, lo);
                int a1 = Math.min(ox1, hi);
                if (a1 <= a0) {
                    Arrays.fill(dst, d, d + (ox1 - ox0), 0f);
                } else {
                    Arrays.fill(dst, d, d + (a0 - ox0), 0f);
                    int src = plane + iy * g.inW() + dx;
                    int o = d + (a0 - ox0);
                    if (sw == 1) {
                        System.arraycopy(a, src + a0, dst, o, a1 - a0);
                    } else if (sw == 2 && VectorSupport.AVAILABLE) {
                        VectorStrided.evens(a, src + 2 * a0, dst, o, a1 - a0);
                    } else {
                        for (int ox = a0; ox < a1; ox++) dst[o++] = a[src + ox * sw];
                    }
                    Arrays.fill(dst, d + (a1 - ox0), d + (ox1 - ox0), 0f);
                }
            }
            d += ox1 - ox0;
            p += ox1 - ox0;
        }
    }
}
