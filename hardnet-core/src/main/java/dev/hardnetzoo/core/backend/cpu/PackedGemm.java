package dev.hardnetzoo.core.backend.cpu;

/**
 * Conv weights packed for a register-blocked GEMM C[oc][p] += W[oc][k] * B[k][p], and the
 * GEMM loop itself. Within each group, output channels go in blocks of 4 whose weights are
 * interleaved as [k][4], so one pass over a row of B feeds 4 output rows; leftover channels
 * (fewer than 4 at a group's end) keep plain [k] rows. Row j of a group starts at {@code j * depth}
 * either way, so a task may take any run of blocks.
 */
final class PackedGemm {
    static final int BLOCK = 4;

    private final float[] w;
    private final int depth;
    private final int rowsPerGroup;

    /** @param weight [groups * rowsPerGroup, depth], PyTorch order */
    PackedGemm(float[] weight, int groups, int rowsPerGroup, int depth) {
        this.depth = depth;
        this.rowsPerGroup = rowsPerGroup;
        this.w = new float[weight.length];
        for (int g = 0; g < groups; g++) {
            int base = g * rowsPerGroup * depth;
            int full = rowsPerGroup / BLOCK * BLOCK;
            for (int j = 0; j < full; j += BLOCK) {
                for (int k = 0; k < depth; k++) {
                    for (int r = 0; r < BLOCK; r++) {
                        w[base + j * depth + k * BLOCK + r] = weight[base + (j + r) * depth + k];
                    }
                }
            }
            System.arraycopy(weight, base + full * depth, w, base + full * depth, (rowsPerGroup - full) * depth);
        }
    }

    /** Rows in the block starting at row j (a multiple of {@link #BLOCK}): 4, or 1 in a group's tail. */
    int blockRows(int j) {
        return j + BLOCK <= rowsPerGroup ? BLOCK : 1;
    }

    /**
     * acc[r][p] += sum over k in [k0, k0 + kLen) of W[row j + r of group g][k] * b[k - k0][p], p < cols,
     * for the {@link #blockRows} rows of the block at j.
     * Every array is indexed from 0 by p: C2 vectorises a loop only when its loads and stores
     * share one index, so callers pack B and the accumulators into separate zero-based rows.
     */
    void accumulate(int g, int j, int k0, int kLen, float[][] b, float[][] acc, int cols) {
        int wOff = (g * rowsPerGroup + j) * depth;
        if (blockRows(j) == BLOCK) {
            rows4(w, wOff + k0 * BLOCK, kLen, b, acc[0], acc[1], acc[2], acc[3], cols);
        } else {
            rows1(w, wOff + k0, kLen, b, acc[0], cols);
        }
    }

    /** Four output rows at once: each B element loaded feeds four multiply-adds. */
    private static void rows4(float[] w, int wOff, int kLen, float[][] b,
                              float[] a0, float[] a1, float[] a2, float[] a3, int cols) {
        for (int k = 0; k < kLen; k++) {
            int wi = wOff + k * BLOCK;
            float w0 = w[wi];
            float w1 = w[wi + 1];
            float w2 = w[wi + 2];
            float w3 = w[wi + 3];
            float[] row = b[k];
            for (int p = 0; p < cols; p++) {
                float x = row[p];
                a0[p] += w0 * x;
                a1[p] += w1 * x;
                a2[p] += w2 * x;
                a3[p] += w3 * x;
            }
        }
    }

    private static void rows1(float[] w, int wOff, int kLen, float[][] b, float[] a0, int cols) {
        for (int k = 0; k < kLen; k++) {
            float w0 = w[wOff + k];
            float[] row = b[k];
            for (int p = 0; p < cols; p++) a0[p] += w0 * row[p];
        }
    }
}
