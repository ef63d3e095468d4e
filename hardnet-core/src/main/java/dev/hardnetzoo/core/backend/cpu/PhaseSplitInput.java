package dev.hardnetzoo.core.backend.cpu;

import java.util.Arrays;

/**
 * The input of a stride-2 conv with a small input (a stem: 3 channels at 224x224), copied once
 * per call into zero-padded rows split by column parity: padded column 2j + p of a row goes to
 * phase p, position j. Output pixel x then reads tap kx at position x + kx / 2 of phase kx % 2,
 * so every im2col row of a tile is a few contiguous copies, with no padding tests and no
 * gathering of every other element per tap (which took a quarter of DenseNet's 7x7 stem).
 */
final class PhaseSplitInput {
    /** Larger inputs keep the direct im2col: the copy would not stay in cache between the taps. */
    private static final long MAX_BYTES = 4L << 20;

    private final ConvGeometry g;
    private final int paddedH;
    /** Floats per phase of a padded row. */
    private final int half;

    PhaseSplitInput(ConvGeometry g) {
        if (!handles(g)) throw new IllegalArgumentException("not a small one-group stride-2 conv: " + g);
        this.g = g;
        this.paddedH = g.inH() + 2 * g.padH();
        this.half = (g.inW() + 2 * g.padW() + 1) / 2;
    }

    /** A one-group, undilated, stride-2 conv whose split input fits {@link #MAX_BYTES}. */
    static boolean handles(ConvGeometry g) {
        long floats = (long) g.inC() * (g.inH() + 2 * g.padH()) * ((g.inW() + 2 * g.padW() + 1) / 2 * 2);
        return g.groups() == 1 && g.strideH() == 2 && g.strideW() == 2 && g.dilH() == 1 && g.dilW() == 1
                && 4 * floats <= MAX_BYTES;
    }

    /** Floats of one batch item's split copy. */
    int floatsPerItem() {
        return g.inC() * paddedH * 2 * half;
    }

    /** Channel c of one item's input plane at {@code a[plane]} into the item's copy at {@code buf[base]}. */
    void split(float[] a, int plane, int c, float[] buf, int base) {
        int padW = g.padW();
        int inW = g.inW();
        for (int r = 0; r < paddedH; r++) {
            int row = base + (c * paddedH + r) * 2 * half;
            int y = r - g.padH();
            if (y < 0 || y >= g.inH()) {
                Arrays.fill(buf, row, row + 2 * half, 0f);
                continue;
            }
            for (int p = 0; p < 2; p++) {
                // Positions j whose column 2j + p - padW lies inside the input: [j0, j1).
                int j0 = Math.min(half, Math.max(0, (padW - p + 1) / 2));
                int j1 = Math.max(j0, Math.min(half, (inW - 1 + padW - p) / 2 + 1));
                int dst = row + p * half;
                Arrays.fill(buf, dst, dst + j0, 0f);
                if (j1 > j0) VectorStrided.evens(a, plane + y * inW + 2 * j0 + p - padW, buf, dst + j0, j1 - j0);
                Arrays.fill(buf, dst + j1, dst + half, 0f);
            }
        }
    }

    /**
     * Im2col rows [k0, k0 + kLen) (k = (c * kH + ky) * kW + kx) for output pixels [p0, p0 + cols)
     * from an item's copy at {@code buf[base]}, row k - k0 into {@code dst[(k - k0) * ld]}.
     */
    void fill(float[] buf, int base, int k0, int kLen, int p0, int cols, float[] dst, int ld) {
        int kArea = g.kH() * g.kW();
        int outW = g.outW();
        for (int r = 0; r < kLen; r++) {
            int k = k0 + r;
            int c = k / kArea;
            int ky = k % kArea / g.kW();
            int kx = k % g.kW();
            int tap = base + (c * paddedH + ky) * 2 * half + (kx & 1) * half + (kx >> 1);
            int d = r * ld;
            for (int p = p0, end = p0 + cols; p < end; ) {
                int oy = p / outW;
                int ox = p - oy * outW;
                int len = Math.min(outW - ox, end - p);
                System.arraycopy(buf, tap + 2 * oy * 2 * half + ox, dst, d, len);
                d += len;
                p += len;
            }
        }
    }
}
