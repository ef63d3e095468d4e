package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Winograd F(2x2, 3x3) for dense 3x3 convs with stride 1 and no dilation (most of HarDNet's
 * multiply-adds): each 2x2 output tile costs 16 multiply-adds per (input, output) channel pair
 * instead of 36. Per batch item and chunk of {@link VectorGemm#NR} tiles, the 4x4 input tiles are
 * transformed (V = B^T d B) for every input channel, then for each of the 16 transform positions
 * the {@link VectorGemm} micro-kernel multiplies the pre-transformed weights (U = G g G^T, packed
 * once here) with V, and the output transform (Y = A^T M A) adds bias and activation on the way out.
 * Only created when {@link VectorSupport#AVAILABLE}.
 */
final class WinogradConv2dKernel extends Conv2dKernel {
    private static final int POSITIONS = 16;
    private static final int TASKS_PER_THREAD = 4;
    /** Below these channel counts the transforms cost more than the multiplies they save (measured). */
    private static final int MIN_CHANNELS_IN = 64;
    private static final int MIN_CHANNELS_OUT = 16;
    private static final float[] NO_BIAS = new float[VectorGemm.MR];

    /**
     * Per-thread scratch: transformed inputs [position][inC][NR] (grown on demand), one block's
     * products [position][MR][NR], a 4x4 input tile and one row block's outputs [4][NR].
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
        new float[0], new float[POSITIONS * VectorGemm.MR * VectorGemm.NR], new float[16], new float[4 * VectorGemm.NR]});

    private final float[][] packed; // per position: U packed as GEMM weights over depth inC
    private final int blocks;
    private final int tilesH;
    private final int tilesW;

    WinogradConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        this.blocks = (g.outC() + VectorGemm.MR - 1) / VectorGemm.MR;
        this.tilesH = (g.outH() + 1) / 2;
        this.tilesW = (g.outW() + 1) / 2;
        this.packed = new float[POSITIONS][];
        float[][] u = transformWeights(weight, g.outC(), g.inC());
        for (int xi = 0; xi < POSITIONS; xi++) {
            packed[xi] = VectorGemmConv2dKernel.pack(u[xi], 1, g.outC(), g.inC(), blocks);
        }
    }

    /**
     * Whether this kernel computes {@code g} (a dense 3x3, stride 1, dilation 1 conv) faster than
     * the im2col GEMM: the input transform is shared by all output channels and the output
     * transform by all input channels, so both counts must be large enough, and the plane must
     * fill at least one chunk of tiles.
     */
    static boolean pays(ConvGeometry g) {
        return g.groups() == 1 && g.kH() == 3 && g.kW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilH() == 1 && g.dilW() == 1
                && g.inC() >= MIN_CHANNELS_IN && g.outC() >= MIN_CHANNELS_OUT
                && (long) ((g.outH() + 1) / 2) * ((g.outW() + 1) / 2) >= VectorGemm.NR;
    }

    /** U = G g G^T per (oc, ic), G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]]; result [position][oc * inC + ic]. */
    static float[][] transformWeights(float[] w, int outC, int inC) {
        double[][] gm = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
        float[][] u = new float[POSITIONS][outC * inC];
        for (int oc = 0; oc < outC; oc++) {
            for (int ic = 0; ic < inC; ic++) {
                int base = (oc * inC + ic) * 9;
                double[][] gg = new double[4][3]; // G g
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 3; j++)
                        for (int k = 0; k < 3; k++) gg[i][j] += gm[i][k] * w[base + k * 3 + j];
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++) {
                        double s = 0;
                        for (int k = 0; k < 3; k++) s += gg[i][k] * gm[j][k];
                        u[i * 4 + j][oc * inC + ic] = (float) s;
                    }
            }
        }
        return u;
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        int nr = VectorGemm.NR;
        int chunks = (tilesH * tilesW + nr - 1) / nr;
        int spatialTasks = in.shape().n() * chunks;
        int blocksPerTask = blocksPerTask(spatialTasks, par);
        int ocTasks = (blocks + blocksPerTask - 1) / blocksPerTask;
        par.forEach(spatialTasks * ocTasks, t -> {
            int ocTask = t % ocTasks;
            int s = t / ocTasks;
            int b0 = ocTask * blocksPerTask;
            chunk(arena, in, out, s / chunks, s % chunks * nr, b0, Math.min(blocks, b0 + blocksPerTask));
        });
    }

    /** Output-channel blocks per task: all unless there are too few tile chunks to go round. */
    private int blocksPerTask(int spatialTasks, Parallel par) {
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        if (spatialTasks >= target) return blocks;
        int parts = (target + spatialTasks - 1) / spatialTasks;
        return Math.max(1, (blocks + parts - 1) / parts);
    }

    /** Tiles [t0, t0 + NR) of batch item n, output-channel blocks [b0, b1). */
    private void chunk(float[] arena, Slice in, Slice out, int n, int t0, int b0, int b1) {
        ConvGeometry g = geom;
        int nr = VectorGemm.NR;
        int mr = VectorGemm.MR;
        int inC = g.inC();
        float[][] scratch = SCRATCH.get();
        int vSize = POSITIONS * inC * nr;
        if (scratch[0].length < vSize) scratch[0] = new float[vSize];
        float[] v = scratch[0];
        float[] m = scratch[1];
        int count = Math.min(nr, tilesH * tilesW - t0);
        transformInput(arena, in.at(n, 0), t0, count, v, scratch[2]);
        int outBase = out.at(n, 0);
        for (int b = b0; b < b1; b++) {
            int rows = Math.min(mr, g.outC() - b * mr);
            for (int xi = 0; xi < POSITIONS; xi++) {
                VectorGemm.block(packed[xi], b * inC * mr, inC, v, xi * inC * nr, nr, m, xi * mr * nr, nr,
                        rows, true, NO_BIAS, 0, false, Activation.NONE);
            }
            transformOutput(m, rows, b * mr, arena, outBase, t0, count, scratch[3]);
        }
    }

    /** V = B^T d B for each input channel and tile, into v[position][ic][tile - t0]; tiles past count are zero. */
    private void transformInput(float[] a, int inBase, int t0, int count, float[] v, float[] d) {
        ConvGeometry g = geom;
        int nr = VectorGemm.NR;
        int inC = g.inC();
        int inH = g.inH();
        int inW = g.inW();
        int plane = g.inPlane();
        int posStride = inC * nr;
        for (int ic = 0; ic < inC; ic++) {
            int src = inBase + ic * plane;
            int dst = ic * nr;
            for (int t = 0; t < nr; t++) {
                int o = dst + t;
                if (t >= count) {
                    for (int xi = 0; xi < POSITIONS; xi++) v[o + xi * posStride] = 0f;
                    continue;
                }
                int tile = t0 + t;
                int y0 = tile / tilesW * 2 - g.padH();
                int x0 = tile % tilesW * 2 - g.padW();
                float d00, d01, d02, d03, d10, d11, d12, d13, d20, d21, d22, d23, d30, d31, d32, d33;
                if (y0 >= 0 && x0 >= 0 && y0 + 4 <= inH && x0 + 4 <= inW) {
                    int r0 = src + y0 * inW + x0;
                    int r1 = r0 + inW;
                    int r2 = r1 + inW;
                    int r3 = r2 + inW;
                    d00 = a[r0]; d01 = a[r0 + 1]; d02 = a[r0 + 2]; d03 = a[r0 + 3];
                    d10 = a[r1]; d11 = a[r1 + 1]; d12 = a[r1 + 2]; d13 = a[r1 + 3];
                    d20 = a[r2]; d21 = a[r2 + 1]; d22 = a[r2 + 2]; d23 = a[r2 + 3];
                    d30 = a[r3]; d31 = a[r3 + 1]; d32 = a[r3 + 2]; d33 = a[r3 + 3];
                } else {
                    for (int i = 0; i < 4; i++) {
                        int y = y0 + i;
                        for (int j = 0; j < 4; j++) {
                            int x = x0 + j;
                            d[i * 4 + j] = y >= 0 && y < inH && x >= 0 && x < inW ? a[src + y * inW + x] : 0f;
                        }
                    }
                    d00 = d[0]; d01 = d[1]; d02 = d[2]; d03 = d[3];
                    d10 = d[4]; d11 = d[5]; d12 = d[6]; d13 = d[7];
                    d20 = d[8]; d21 = d[9]; d22 = d[10]; d23 = d[11];
                    d30 = d[12]; d31 = d[13]; d32 = d[14]; d33 = d[15];
                }
                // Rows: t = B^T d.
                float t00 = d00 - d20, t01 = d01 - d21, t02 = d02 - d22, t03 = d03 - d23;
                float t10 = d10 + d20, t11 = d11 + d21, t12 = d12 + d22, t13 = d13 + d23;
                float t20 = d20 - d10, t21 = d21 - d11, t22 = d22 - d12, t23 = d23 - d13;
                float t30 = d10 - d30, t31 = d11 - d31, t32 = d12 - d32, t33 = d13 - d33;
                // Columns: V = t B.
                v[o] = t00 - t02;
                v[o + posStride] = t01 + t02;
                v[o + 2 * posStride] = t02 - t01;
                v[o + 3 * posStride] = t01 - t03;
                v[o + 4 * posStride] = t10 - t12;
                v[o + 5 * posStride] = t11 + t12;
                v[o + 6 * posStride] = t12 - t11;
                v[o + 7 * posStride] = t11 - t13;
                v[o + 8 * posStride] = t20 - t22;
                v[o + 9 * posStride] = t21 + t22;
                v[o + 10 * posStride] = t22 - t21;
                v[o + 11 * posStride] = t21 - t23;
                v[o + 12 * posStride] = t30 - t32;
                v[o + 13 * posStride] = t31 + t32;
                v[o + 14 * posStride] = t32 - t31;
                v[o + 15 * posStride] = t31 - t33;
            }
        }
    }

    /**
     * Y = A^T M A with A^T = [[1,1,1,0],[0,1,-1,-1]], plus bias and activation, over the tiles in
     * vector lanes; then each tile's 2x2 outputs are stored (clipped at the bottom and right edges).
     */
    private void transformOutput(float[] m, int rows, int oc0, float[] a, int outBase, int t0, int count, float[] y) {
        ConvGeometry g = geom;
        int nr = VectorGemm.NR;
        int mr = VectorGemm.MR;
        int lanes = VectorGemm.L;
        int ow = g.outW();
        int oh = g.outH();
        int plane = g.outPlane();
        for (int r = 0; r < rows; r++) {
            float b = bias[oc0 + r];
            for (int p = 0; p < nr; p += lanes) {
                int base = r * nr + p;
                int ps = mr * nr;
                FloatVector m00 = FloatVector.fromArray(VectorGemm.S, m, base);
                FloatVector m01 = FloatVector.fromArray(VectorGemm.S, m, base + ps);
                FloatVector m02 = FloatVector.fromArray(VectorGemm.S, m, base + 2 * ps);
                FloatVector m03 = FloatVector.fromArray(VectorGemm.S, m, base + 3 * ps);
                FloatVector m10 = FloatVector.fromArray(VectorGemm.S, m, base + 4 * ps);
                FloatVector m11 = FloatVector.fromArray(VectorGemm.S, m, base + 5 * ps);
                FloatVector m12 = FloatVector.fromArray(VectorGemm.S, m, base + 6 * ps);
                FloatVector m13 = FloatVector.fromArray(VectorGemm.S, m, base + 7 * ps);
                FloatVector m20 = FloatVector.fromArray(VectorGemm.S, m, base + 8 * ps);
                FloatVector m21 = FloatVector.fromArray(VectorGemm.S, m, base + 9 * ps);
                FloatVector m22 = FloatVector.fromArray(VectorGemm.S, m, base + 10 * ps);
                FloatVector m23 = FloatVector.fromArray(VectorGemm.S, m, base + 11 * ps);
                FloatVector m30 = FloatVector.fromArray(VectorGemm.S, m, base + 12 * ps);
                FloatVector m31 = FloatVector.fromArray(VectorGemm.S, m, base + 13 * ps);
                FloatVector m32 = FloatVector.fromArray(VectorGemm.S, m, base + 14 * ps);
                FloatVector m33 = FloatVector.fromArray(VectorGemm.S, m, base + 15 * ps);
                // Rows: s = A^T m.
                FloatVector s00 = m00.add(m10).add(m20), s01 = m01.add(m11).add(m21);
                FloatVector s02 = m02.add(m12).add(m22), s03 = m03.add(m13).add(m23);
                FloatVector s10 = m10.sub(m20).sub(m30), s11 = m11.sub(m21).sub(m31);
                FloatVector s12 = m12.sub(m22).sub(m32), s13 = m13.sub(m23).sub(m33);
                // Columns: y = s A.
                VectorGemm.activate(s00.add(s01).add(s02).add(b), activation).intoArray(y, p);
                VectorGemm.activate(s01.sub(s02).sub(s03).add(b), activation).intoArray(y, nr + p);
                VectorGemm.activate(s10.add(s11).add(s12).add(b), activation).intoArray(y, 2 * nr + p);
                VectorGemm.activate(s11.sub(s12).sub(s13).add(b), activation).intoArray(y, 3 * nr + p);
            }
            int o = outBase + (oc0 + r) * plane;
            for (int t = 0; t < count; t++) {
                int tile = t0 + t;
                int oy = tile / tilesW * 2;
                int ox = tile % tilesW * 2;
                int at = o + oy * ow + ox;
                boolean right = ox + 1 < ow;
                a[at] = y[t];
                if (right) a[at + 1] = y[nr + t];
                if (oy + 1 < oh) {
                    a[at + ow] = y[2 * nr + t];
                    if (right) a[at + ow + 1] = y[3 * nr + t];
                }
            }
        }
    }
}
