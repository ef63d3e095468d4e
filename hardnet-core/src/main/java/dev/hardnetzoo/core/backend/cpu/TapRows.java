package dev.hardnetzoo.core.backend.cpu;

import java.util.Arrays;

/**
 * The input of a stride-2 conv with a small input (a stem: 3 channels at 224x224), laid out once
 * per call so the GEMM reads its B operand in place: one row of outW floats per (padded input row
 * r, channel c, kernel column kx), holding input (r - padH, 2x + kx - padW) at position x (zero in
 * the padding). With the weights' depth in the order (ky, c, kx), depth row k of output row oy is
 * row 2 * oy * C * kW + k: rows equally spaced, outW floats apart, so no im2col tile is built per
 * pixel tile (the tiles of the split-by-parity copy this replaces took a quarter of a stem's time).
 */
final class TapRows {
    /** Larger inputs keep the direct im2col tiles: the copy (kW / 2 times the input) would not stay in cache. */
    private static final long MAX_BYTES = 4L << 20;

    private final ConvGeometry g;
    private final int paddedH;

    TapRows(ConvGeometry g) {
        if (!handles(g)) throw new IllegalArgumentException("not a small one-group stride-2 conv: " + g);
        this.g = g;
        this.paddedH = g.inH() + 2 * g.padH();
    }

    /**
     * A one-group, undilated, stride-2 conv whose rows fit {@link #MAX_BYTES} and whose output rows
     * span at least one micro-kernel strip: each task takes one output row, so on narrower rows
     * (SSD's extra layers, 10x10 and smaller) a partly empty strip per row would cost more than the
     * flat im2col tiles, which run across rows. One core (`KernelCpuRates`, AVX2's 16-pixel
     * strips): 24->32 to 28x28 41-44 GFLOP per CPU-second against 38-42 on the earlier per-tile
     * copies, to 20x20 level; 512->256 to 10x10 on the im2col tiles 54-55 against 54-57.
     */
    static boolean handles(ConvGeometry g) {
        long floats = (long) (g.inH() + 2 * g.padH()) * g.inC() * g.kW() * g.outW();
        return g.groups() == 1 && g.strideH() == 2 && g.strideW() == 2 && g.dilH() == 1 && g.dilW() == 1
                && g.outW() >= VectorGemm.NR && 4 * floats <= MAX_BYTES;
    }

    /** Floats of one batch item's rows, with a strip's slack at the end (a last partial strip reads past its row). */
    int floatsPerItem() {
        return paddedH * g.inC() * g.kW() * g.outW() + VectorGemm.NR;
    }

    /** Offset, in an item's rows, of depth row 0 of output row oy; depth row k follows k * outW later. */
    int rowOffset(int oy) {
        return g.strideH() * oy * g.inC() * g.kW() * g.outW();
    }

    /** Padded input row r of one item (its channel c at {@code a[planes + c * inPlane]}) into the item's rows at {@code buf[base]}. */
    void fill(float[] a, int planes, int r, float[] buf, int base) {
        int outW = g.outW();
        int y = r - g.padH();
        for (int c = 0; c < g.inC(); c++) {
            for (int kx = 0; kx < g.kW(); kx++) {
                int dst = base + ((r * g.inC() + c) * g.kW() + kx) * outW;
                if (y < 0 || y >= g.inH()) {
                    Arrays.fill(buf, dst, dst + outW, 0f);
                    continue;
                }
                int shift = kx - g.padW(); // position x reads input column 2x + shift
                int x0 = Math.min(outW, Math.max(0, (1 - shift) / 2));
                int x1 = Math.max(x0, Math.min(outW, Math.floorDiv(g.inW() - 1 - shift, 2) + 1));
                Arrays.fill(buf, dst, dst + x0, 0f);
                VectorStrided.evens(a, planes + c * g.inPlane() + y * g.inW() + 2 * x0 + shift, buf, dst + x0, x1 - x0);
                Arrays.fill(buf, dst + x1, dst + outW, 0f);
            }
        }
    }

    /** Padded input rows of an item: {@link #fill} lays out one at a time. */
    int paddedRows() {
        return paddedH;
    }

    /** Weights [outC][C][kH][kW] with each output channel's depth reordered to (ky, c, kx), the order of the rows. */
    static float[] depthByRow(float[] weight, ConvGeometry g) {
        float[] w = new float[weight.length];
        int c = g.inC();
        int kH = g.kH();
        int kW = g.kW();
        for (int o = 0; o < g.outC(); o++) {
            int base = o * c * kH * kW;
            for (int ci = 0; ci < c; ci++) {
                for (int ky = 0; ky < kH; ky++) {
                    System.arraycopy(weight, base + (ci * kH + ky) * kW, w, base + (ky * c + ci) * kW, kW);
                }
            }
        }
        return w;
    }
}
