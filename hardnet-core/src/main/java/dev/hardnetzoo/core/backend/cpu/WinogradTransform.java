package dev.hardnetzoo.core.backend.cpu;

/**
 * The three transforms of one Winograd F(m x m, 3x3) variant (Lavin and Gray, 2016): weights
 * U = G g G^T, input tiles V = B^T d B, outputs Y = A^T M A. {@link WinogradConv2dKernel} does the
 * tiling, threading and the per-position GEMMs; an implementation only knows its matrices.
 */
sealed interface WinogradTransform permits WinogradF2, WinogradF4 {

    /** Output tile side: G has m + 2 rows for a 3x3 kernel. */
    default int m() {
        return g().length - 2;
    }

    /** Input tile side: m + 2 for a 3x3 kernel. */
    default int a() {
        return m() + 2;
    }

    /** Transform positions per tile: a * a, one GEMM each. */
    default int positions() {
        return a() * a();
    }

    /** The a x 3 weight transform G (its rows set the tile size). */
    double[][] g();

    /**
     * t = B^T d for the columns [from, to) of one tile row: input row i of the tiles is read at
     * d[i][off[i] + x] (the arena itself, or zeros for rows in the padding), t row k goes to t[k][x].
     * Works in whole vectors without masks (masked stores are slow on AVX2): d[i] must hold a vector
     * past off[i] + to, t rows a vector past to; t columns from {@code to} on are left undefined.
     */
    void rowTransform(float[][] d, int[] off, int from, int to, float[][] t);

    /** Floats past a run's last column that {@link #columnTransform} may read (whole vectors). */
    int rowSlack();

    /**
     * V = t B for {@code run} consecutive tiles (tile j's first column is m * j) of the t rows,
     * into v[o + position * ps + j]. Stores whole vectors: up to a vector past {@code run} tiles of
     * each position is overwritten with values of no use.
     */
    void columnTransform(float[][] t, int run, float[] v, int o, int ps);

    /**
     * Y = A^T M A, plus {@code bias}, clamped to [lo, hi], for {@code nr} tiles held in vector lanes:
     * M's position p is at mm[base + p * ps + lane], output (i, j) goes to y[(i * m + j) * nr + lane].
     */
    void outputTransform(float[] mm, int base, int ps, int nr, float bias, float lo, float hi, float[] y);

    /** U = G g G^T per (oc, ic): [position][oc * inC + ic], from PyTorch weights [outC][inC][3][3]. */
    default float[][] transformWeights(float[] w, int outC, int inC) {
        double[][] gm = g();
        int a = a();
        float[][] u = new float[positions()][outC * inC];
        double[][] gg = new double[a][3]; // G g
        for (int oc = 0; oc < outC; oc++) {
            for (int ic = 0; ic < inC; ic++) {
                int base = (oc * inC + ic) * 9;
                for (int i = 0; i < a; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int k = 0; k < 3; k++) s += gm[i][k] * w[base + k * 3 + j];
                        gg[i][j] = s;
                    }
                }
                for (int i = 0; i < a; i++) {
                    for (int j = 0; j < a; j++) {
                        double s = 0;
                        for (int k = 0; k < 3; k++) s += gg[i][k] * gm[j][k];
                        u[i * a + j][oc * inC + ic] = (float) s;
                    }
                }
            }
        }
        return u;
    }
}
