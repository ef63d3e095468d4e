package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Winograd F(2x2, 3x3) for dense 3x3 convs with stride 1 and no dilation (most of HarDNet's
 * multiply-adds): each 2x2 output tile costs 16 multiply-adds per (input, output) channel pair
 * instead of 36. Per batch item and chunk of {@link VectorGemm#NR} tiles (one vector of tiles on
 * small planes), the 4x4 input tiles are gathered through precomputed offsets (padding reads as
 * zero) and transformed (V = B^T d B) for every input channel, then for each of the 16 transform positions
 * the {@link VectorGemm} micro-kernel multiplies the pre-transformed weights (U = G g G^T, packed
 * once here) with V, and the output transform (Y = A^T M A) adds bias and activation on the way out.
 * Only created when {@link VectorSupport#AVAILABLE}.
 */
final class WinogradConv2dKernel extends Conv2dKernel {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int POSITIONS = 16;
    private static final int TASKS_PER_THREAD = 4;
    /** Below these channel counts the transforms cost more than the multiplies they save (measured). */
    private static final int MIN_CHANNELS_IN = 64;
    private static final int MIN_CHANNELS_OUT = 16;
    private static final float[] NO_BIAS = new float[VectorGemm.MR];

    /** Transformed inputs of one group of chunks, [chunk][position][inC][NR]: 4 MiB unless one chunk is more. */
    private static final int SHARED_FLOATS = 1 << 20;
    private static final ThreadLocal<float[]> SHARED = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread scratch: one block's products [position][MR][NR] and outputs [4][NR]. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
        new float[POSITIONS * VectorGemm.MR * VectorGemm.NR], new float[4 * VectorGemm.NR]});

    private final float[][] packed; // per position: U packed as GEMM weights over depth inC
    private final int blocks;
    /** Tiles per chunk: NR, or one vector's worth when the whole plane has no more tiles than that. */
    private final int width;
    /** Per chunk, position and tile: the input element's offset in its plane, and whether it is inside. */
    private final int[] gatherIndex;
    private final boolean[] gatherInside;
    private final int tilesH;
    private final int tilesW;

    WinogradConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        this.blocks = (g.outC() + VectorGemm.MR - 1) / VectorGemm.MR;
        this.tilesH = (g.outH() + 1) / 2;
        this.tilesW = (g.outW() + 1) / 2;
        this.width = tilesH * tilesW <= VectorGemm.L ? VectorGemm.L : VectorGemm.NR;
        int chunks = (tilesH * tilesW + width - 1) / width;
        this.gatherIndex = new int[chunks * POSITIONS * width];
        this.gatherInside = new boolean[gatherIndex.length];
        for (int c = 0; c < chunks; c++) {
            for (int xi = 0; xi < POSITIONS; xi++) {
                for (int t = 0; t < width; t++) {
                    int tile = c * width + t;
                    int y = tile / tilesW * 2 - g.padH() + xi / 4;
                    int x = tile % tilesW * 2 - g.padW() + xi % 4;
                    boolean inside = tile < tilesH * tilesW && y >= 0 && y < g.inH() && x >= 0 && x < g.inW();
                    int at = (c * POSITIONS + xi) * width + t;
                    gatherInside[at] = inside;
                    gatherIndex[at] = inside ? y * g.inW() + x : 0;
                }
            }
        }
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
     * fill at least one vector of tiles.
     */
    static boolean pays(ConvGeometry g) {
        return g.groups() == 1 && g.kH() == 3 && g.kW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilH() == 1 && g.dilW() == 1
                && g.inC() >= MIN_CHANNELS_IN && g.outC() >= MIN_CHANNELS_OUT
                && (long) ((g.outH() + 1) / 2) * ((g.outW() + 1) / 2) >= VectorGemm.L;
    }

    /** U = G g G^T per (oc, ic), G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]]; [position][oc * inC + ic]. */
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
        int nr = width;
        int chunks = (tilesH * tilesW + nr - 1) / nr;
        int chunkFloats = POSITIONS * geom.inC() * nr;
        int perGroup = Math.max(1, Math.min(chunks, SHARED_FLOATS / chunkFloats));
        float[] v = sharedInputs((long) perGroup * chunkFloats);
        for (int n = 0; n < in.shape().n(); n++) {
            for (int c0 = 0; c0 < chunks; c0 += perGroup) {
                group(arena, in, out, par, n, c0, Math.min(perGroup, chunks - c0), v);
            }
        }
    }

    /**
     * Chunks [c0, c0 + count) of batch item n in two parallel passes, so no input is transformed
     * twice however the work is split: all input channels of every chunk into v, then every
     * (chunk, output-channel range) product and output transform.
     */
    private void group(float[] arena, Slice in, Slice out, Parallel par, int n, int c0, int count, float[] v) {
        int nr = width;
        int inC = geom.inC();
        int chunkFloats = POSITIONS * inC * nr;
        int tiles = tilesH * tilesW;
        int inBase = in.at(n, 0);
        int icParts = parts(count, inC, par);
        par.forEach(count * icParts, t -> {
            int chunk = t / icParts;
            int part = t % icParts;
            transformInput(arena, inBase, c0 + chunk, inC * part / icParts, inC * (part + 1) / icParts,
                    v, chunk * chunkFloats);
        });
        int ocParts = parts(count, blocks, par);
        int outBase = out.at(n, 0);
        par.forEach(count * ocParts, t -> {
            int chunk = t / ocParts;
            int part = t % ocParts;
            int t0 = (c0 + chunk) * nr;
            multiplyAndTransformOutput(v, chunk * chunkFloats, arena, outBase, t0, Math.min(nr, tiles - t0),
                    blocks * part / ocParts, blocks * (part + 1) / ocParts);
        });
    }

    /** Parts to cut each of {@code items} items of {@code length} units into so every thread has work. */
    private static int parts(int items, int length, Parallel par) {
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        return items >= target ? 1 : Math.min(length, (target + items - 1) / items);
    }

    /** The calling thread's buffer of transformed inputs, shared with the pool's threads during one call. */
    private static float[] sharedInputs(long floats) {
        float[] v = SHARED.get();
        if (v.length < floats) {
            v = new float[(int) floats];
            SHARED.set(v);
        }
        return v;
    }

    /** Output-channel blocks [b0, b1) of tiles [t0, t0 + count), whose transformed inputs are at v[vOff]. */
    private void multiplyAndTransformOutput(float[] v, int vOff, float[] arena, int outBase, int t0, int count,
                                            int b0, int b1) {
        int nr = width;
        int mr = VectorGemm.MR;
        int inC = geom.inC();
        float[][] scratch = SCRATCH.get();
        float[] m = scratch[0];
        for (int b = b0; b < b1; b++) {
            int rows = Math.min(mr, geom.outC() - b * mr);
            for (int xi = 0; xi < POSITIONS; xi++) {
                if (nr == VectorGemm.NR) {
                    VectorGemm.block(packed[xi], b * inC * mr, inC, v, vOff + xi * inC * nr, nr, m, xi * mr * nr, nr,
                            rows, true, NO_BIAS, 0, false, Activation.NONE);
                } else {
                    VectorGemm.narrowBlock(packed[xi], b * inC * mr, inC, v, vOff + xi * inC * nr, nr, m, xi * mr * nr,
                            nr, rows, true, NO_BIAS, 0, false, Activation.NONE);
                }
            }
            transformOutput(m, rows, b * mr, arena, outBase, t0, count, scratch[1]);
        }
    }

    /**
     * V = B^T d B for input channels [ic0, ic1) and the tiles of chunk {@code chunk}, into
     * v[vOff + (position * inC + ic) * width + tile - first tile]; tiles past the plane's last are zero.
     * Plain Java on purpose: as Vector API code (gathers) this method grows too large for C1 to
     * compile, and until C2 gets to it such code runs many times slower.
     */
    private void transformInput(float[] a, int inBase, int chunk, int ic0, int ic1, float[] v, int vOff) {
        int nr = width;
        int plane = geom.inPlane();
        int ps = geom.inC() * nr;
        int[] idx = gatherIndex;
        boolean[] inside = gatherInside;
        int m0 = chunk * POSITIONS * nr;
        for (int ic = ic0; ic < ic1; ic++) {
            int src = inBase + ic * plane;
            for (int t = 0; t < nr; t++) {
                int m = m0 + t;
                float d00 = tap(a, src, idx, inside, m), d01 = tap(a, src, idx, inside, m + nr);
                float d02 = tap(a, src, idx, inside, m + 2 * nr), d03 = tap(a, src, idx, inside, m + 3 * nr);
                float d10 = tap(a, src, idx, inside, m + 4 * nr), d11 = tap(a, src, idx, inside, m + 5 * nr);
                float d12 = tap(a, src, idx, inside, m + 6 * nr), d13 = tap(a, src, idx, inside, m + 7 * nr);
                float d20 = tap(a, src, idx, inside, m + 8 * nr), d21 = tap(a, src, idx, inside, m + 9 * nr);
                float d22 = tap(a, src, idx, inside, m + 10 * nr), d23 = tap(a, src, idx, inside, m + 11 * nr);
                float d30 = tap(a, src, idx, inside, m + 12 * nr), d31 = tap(a, src, idx, inside, m + 13 * nr);
                float d32 = tap(a, src, idx, inside, m + 14 * nr), d33 = tap(a, src, idx, inside, m + 15 * nr);
                // Rows: t = B^T d.
                float t00 = d00 - d20, t01 = d01 - d21, t02 = d02 - d22, t03 = d03 - d23;
                float t10 = d10 + d20, t11 = d11 + d21, t12 = d12 + d22, t13 = d13 + d23;
                float t20 = d20 - d10, t21 = d21 - d11, t22 = d22 - d12, t23 = d23 - d13;
                float t30 = d10 - d30, t31 = d11 - d31, t32 = d12 - d32, t33 = d13 - d33;
                // Columns: V = t B.
                int o = vOff + ic * nr + t;
                v[o] = t00 - t02;
                v[o + ps] = t01 + t02;
                v[o + 2 * ps] = t02 - t01;
                v[o + 3 * ps] = t01 - t03;
                v[o + 4 * ps] = t10 - t12;
                v[o + 5 * ps] = t11 + t12;
                v[o + 6 * ps] = t12 - t11;
                v[o + 7 * ps] = t11 - t13;
                v[o + 8 * ps] = t20 - t22;
                v[o + 9 * ps] = t21 + t22;
                v[o + 10 * ps] = t22 - t21;
                v[o + 11 * ps] = t21 - t23;
                v[o + 12 * ps] = t30 - t32;
                v[o + 13 * ps] = t31 + t32;
                v[o + 14 * ps] = t32 - t31;
                v[o + 15 * ps] = t31 - t33;
            }
        }
    }

    /** One input element of a tile, zero in the padding. */
    private static float tap(float[] a, int src, int[] idx, boolean[] inside, int at) {
        return inside[at] ? a[src + idx[at]] : 0f;
    }

    /**
     * Y = A^T M A with A^T = [[1,1,1,0],[0,1,-1,-1]], plus bias and activation, over the tiles in
     * vector lanes; then each tile's 2x2 outputs are stored (clipped at the bottom and right edges).
     */
    private void transformOutput(float[] m, int rows, int oc0, float[] a, int outBase, int t0, int count, float[] y) {
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        ConvGeometry g = geom;
        int nr = width;
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
                FloatVector m00 = FloatVector.fromArray(S, m, base);
                FloatVector m01 = FloatVector.fromArray(S, m, base + ps);
                FloatVector m02 = FloatVector.fromArray(S, m, base + 2 * ps);
                FloatVector m03 = FloatVector.fromArray(S, m, base + 3 * ps);
                FloatVector m10 = FloatVector.fromArray(S, m, base + 4 * ps);
                FloatVector m11 = FloatVector.fromArray(S, m, base + 5 * ps);
                FloatVector m12 = FloatVector.fromArray(S, m, base + 6 * ps);
                FloatVector m13 = FloatVector.fromArray(S, m, base + 7 * ps);
                FloatVector m20 = FloatVector.fromArray(S, m, base + 8 * ps);
                FloatVector m21 = FloatVector.fromArray(S, m, base + 9 * ps);
                FloatVector m22 = FloatVector.fromArray(S, m, base + 10 * ps);
                FloatVector m23 = FloatVector.fromArray(S, m, base + 11 * ps);
                FloatVector m30 = FloatVector.fromArray(S, m, base + 12 * ps);
                FloatVector m31 = FloatVector.fromArray(S, m, base + 13 * ps);
                FloatVector m32 = FloatVector.fromArray(S, m, base + 14 * ps);
                FloatVector m33 = FloatVector.fromArray(S, m, base + 15 * ps);
                // Rows: s = A^T m.
                FloatVector s00 = m00.add(m10).add(m20), s01 = m01.add(m11).add(m21);
                FloatVector s02 = m02.add(m12).add(m22), s03 = m03.add(m13).add(m23);
                FloatVector s10 = m10.sub(m20).sub(m30), s11 = m11.sub(m21).sub(m31);
                FloatVector s12 = m12.sub(m22).sub(m32), s13 = m13.sub(m23).sub(m33);
                // Columns: y = s A.
                s00.add(s01).add(s02).add(b).max(lo).min(hi).intoArray(y, p);
                s01.sub(s02).sub(s03).add(b).max(lo).min(hi).intoArray(y, nr + p);
                s10.add(s11).add(s12).add(b).max(lo).min(hi).intoArray(y, 2 * nr + p);
                s11.sub(s12).sub(s13).add(b).max(lo).min(hi).intoArray(y, 3 * nr + p);
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
