package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import java.util.Arrays;

/**
 * Convolution as a GEMM per (batch item, group): output[oc][pixel] = W[oc][k] * B[k][pixel].
 * B is built one pixel tile and depth chunk at a time in a bounded per-thread panel (inputs may be
 * 1024x2048): for pointwise convs by copying input plane rows (no im2col expansion), otherwise
 * with {@link Im2col}. Work is split over (batch, group, pixel tile, output-channel block).
 */
final class GemmConv2dKernel extends Conv2dKernel {
    /** Output pixels per tile: a multiple of the vector width, long enough for the inner loop. */
    static final int TILE = 128;
    /** GEMM depth per chunk: TILE * DEPTH_CHUNK floats = 128 KiB of im2col scratch at most. */
    static final int DEPTH_CHUNK = 256;

    /** Per-thread GEMM operands, reused by every conv: a B panel and one block of accumulators. */
    private record Panel(float[][] b, float[][] acc) {
        Panel() {
            this(new float[DEPTH_CHUNK][TILE], new float[PackedGemm.BLOCK][TILE]);
        }
    }

    private static final ThreadLocal<Panel> PANELS = ThreadLocal.withInitial(Panel::new);

    private final PackedGemm gemm;

    GemmConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        this.gemm = new PackedGemm(weight, g.groups(), g.outPerGroup(), g.depth());
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        GemmTiles.forEach(geom, in.shape().n(), TILE, PackedGemm.BLOCK, par,
                (n, grp, p0, cols, j0, rows) -> tile(arena, in, out, n, grp, p0, cols, j0, rows));
    }

    /** Output channels [j0, j0+rows) of group grp, pixels [p0, p0+cols) of batch item n. */
    private void tile(float[] arena, Slice in, Slice out, int n, int grp, int p0, int cols, int j0, int rows) {
        ConvGeometry g = geom;
        Panel panel = PANELS.get();
        int inBase = in.at(n, grp * g.inPerGroup());
        int oc0 = grp * g.outPerGroup();
        int outBase = out.at(n, oc0) + p0;
        int depth = g.depth();
        for (int k0 = 0; k0 < depth; k0 += DEPTH_CHUNK) {
            int kLen = Math.min(DEPTH_CHUNK, depth - k0);
            boolean first = k0 == 0;
            boolean last = k0 + kLen == depth;
            packB(arena, inBase, k0, kLen, p0, cols, panel.b());
            for (int j = j0; j < j0 + rows; j += gemm.blockRows(j)) {
                int blockRows = gemm.blockRows(j);
                float[][] acc = panel.acc();
                // The output tile holds the partial sums between depth chunks.
                for (int r = 0; r < blockRows; r++) {
                    if (first) Arrays.fill(acc[r], 0, cols, bias[oc0 + j + r]);
                    else System.arraycopy(arena, outBase + (j + r) * g.outPlane(), acc[r], 0, cols);
                }
                gemm.accumulate(grp, j, k0, kLen, panel.b(), acc, cols);
                for (int r = 0; r < blockRows; r++) {
                    if (last) Activations.apply(acc[r], 0, cols, activation);
                    System.arraycopy(acc[r], 0, arena, outBase + (j + r) * g.outPlane(), cols);
                }
            }
        }
    }

    /** Rows [k0, k0+kLen) of B for pixels [p0, p0+cols) into zero-based panel rows. */
    private void packB(float[] arena, int inBase, int k0, int kLen, int p0, int cols, float[][] b) {
        if (geom.isPointwise()) {
            for (int r = 0; r < kLen; r++) {
                System.arraycopy(arena, inBase + (k0 + r) * geom.inPlane() + p0, b[r], 0, cols);
            }
        } else {
            Im2col.fill(geom, arena, inBase, k0, kLen, p0, cols, b);
        }
    }
}
