package dev.hardnetzoo.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Device kernels: one work-item per output element, except the dense and channel-wise
 * convolutions (tiled, see {@link #tiledConv} and {@link #tiledDepthwise}). Every kernel has the same shape
 * {@code (ctx, arena, weights, meta)}: the activation arena laid out by core's memory plan, all
 * constants (BN-folded weights, biases, scales) in one buffer, and this step's own small integer
 * description. Field 0 is always the number of work-items; the rest is listed per kernel and
 * written in that order by {@link StepEncoder}. Nothing is passed as a scalar: TornadoVM bakes
 * scalar arguments into the kernel source, so each layer would compile its own kernel; with
 * buffers only, all layers of one kind share one OpenCL program (and the driver's kernel cache).
 * Tensors are addressed as core's {@code Slice}: (offset, batchStride), item elements contiguous.
 */
public final class Kernels {
    static final int NO_ACT = 0;
    static final int RELU = 1;
    static final int RELU6 = 2;

    static final int MAX_POOL = 0;
    static final int AVG_POOL_WITH_PAD = 1;
    static final int AVG_POOL_NO_PAD = 2;

    /** Work-items per work-group: every launch uses it (padded to a multiple of it). */
    static final int WORK_GROUP = 64;
    /** {@link #tiledConv}'s output tile (channels x columns) and reduction slice; 64 work-items x 4 x 4 outputs. */
    static final int TILE_M = 32;
    static final int TILE_N = 32;
    static final int TILE_K = 16;
    /** {@link #tiledDepthwise}'s local input patch, in floats: 40 x 40, a 16x16 tile of a 3x3 stride-2 conv needs 33 x 33. */
    static final int DW_PATCH = 1600;
    /** {@link #tiledDepthwise}'s most kernel taps (one weight staged per work-item): up to 8x8 kernels. */
    static final int DW_TAPS = WORK_GROUP;

    private Kernels() {}

    private static float activate(float v, int act) {
        float r = v;
        if (act == RELU) {
            r = v > 0f ? v : 0f;
        } else if (act == RELU6) {
            r = v > 0f ? (v < 6f ? v : 6f) : 0f;
        }
        return r;
    }

    /**
     * Direct convolution (any kernel, stride, padding, dilation, groups) + bias + activation.
     * Meta: total, C, H, W, inOff, inBS, K, OH, OW, outOff, outBS, kH, kW, sH, sW, pH, pW,
     * dH, dW, groups, weightOff, biasOff, act.
     */
    public static void conv2d(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int inOff = m.get(4);
            int inBS = m.get(5);
            int outC = m.get(6);
            int outH = m.get(7);
            int outW = m.get(8);
            int kH = m.get(11);
            int kW = m.get(12);
            int sH = m.get(13);
            int sW = m.get(14);
            int pH = m.get(15);
            int pW = m.get(16);
            int dH = m.get(17);
            int dW = m.get(18);
            int groups = m.get(19);

            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int k = t % outC;
            int n = t / outC;
            int inPerGroup = channels / groups;
            int firstIn = (k / (outC / groups)) * inPerGroup;
            int wBase = m.get(20) + k * inPerGroup * kH * kW;
            int y0 = oy * sH - pH;
            int x0 = ox * sW - pW;
            float sum = w.get(m.get(21) + k);
            for (int ci = 0; ci < inPerGroup; ci++) {
                int plane = inOff + n * inBS + (firstIn + ci) * inH * inW;
                int wc = wBase + ci * kH * kW;
                for (int ky = 0; ky < kH; ky++) {
                    int iy = y0 + ky * dH;
                    if (iy >= 0 && iy < inH) {
                        for (int kx = 0; kx < kW; kx++) {
                            int ix = x0 + kx * dW;
                            if (ix >= 0 && ix < inW) {
                                sum += a.get(plane + iy * inW + ix) * w.get(wc + ky * kW + kx);
                            }
                        }
                    }
                }
            }
            a.set(m.get(9) + n * m.get(10) + (k * outH + oy) * outW + ox, activate(sum, m.get(22)));
        }
    }

    /**
     * Transposed convolution (groups 1, dilation 1) as a gather: output pixel (oy, ox) sums
     * in[c, iy, ix] * w[c, k, ky, kx] over the (iy, ky) with iy * s - p + ky = oy. Weight is
     * [inC, outC, kH, kW]. Meta: total, C, H, W, inOff, inBS, K, OH, OW, outOff, outBS, kH, kW,
     * sH, sW, pH, pW, weightOff, biasOff.
     */
    public static void convTranspose2d(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int outC = m.get(6);
            int outH = m.get(7);
            int outW = m.get(8);
            int kH = m.get(11);
            int kW = m.get(12);
            int sH = m.get(13);
            int sW = m.get(14);
            int pH = m.get(15);
            int pW = m.get(16);
            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int k = t % outC;
            int n = t / outC;
            int src = m.get(4) + n * m.get(5);
            int wOff = m.get(17);
            float sum = w.get(m.get(18) + k);
            for (int ky = 0; ky < kH; ky++) {
                int ty = oy + pH - ky;
                int iy = ty / sH;
                if (ty >= 0 && iy * sH == ty && iy < inH) {
                    for (int kx = 0; kx < kW; kx++) {
                        int tx = ox + pW - kx;
                        int ix = tx / sW;
                        if (tx >= 0 && ix * sW == tx && ix < inW) {
                            for (int c = 0; c < channels; c++) {
                                sum += a.get(src + (c * inH + iy) * inW + ix) * w.get(wOff + ((c * outC + k) * kH + ky) * kW + kx);
                            }
                        }
                    }
                }
            }
            a.set(m.get(9) + n * m.get(10) + (k * outH + oy) * outW + ox, sum);
        }
    }

    /**
     * Dense convolution (groups 1; any kernel, stride, padding, dilation) + bias + activation as
     * an implicit GEMM: out[k][j] = sum_r W[k][r] * X[r][j] over output channels k, output
     * columns j (item and pixel, the batch folded in) and r = (tap ky kx, input channel), with X
     * read straight from the input (im2col by indexing, zero in the padding). A work-group of
     * {@value #WORK_GROUP} work-items computes a {@value #TILE_M} x {@value #TILE_N} tile of the
     * output: for each tap and {@value #TILE_K} input channels it stages the weight and input
     * tiles in local memory (each global value read once per tile, consecutive work-items on
     * consecutive addresses), then each work-item accumulates its 4 x 4 outputs in registers.
     * Within a tile the tap is fixed, so the input addressing needs no division per element.
     * Weights are tap-major: [K][kH*kW][C]. Meta: total (splits * tiles * WORK_GROUP), C, H, W,
     * inOff, inBS, K, OH, OW, outOff, outBS, kH, kW, sH, sW, pH, pW, dH, dW, N, weightOff,
     * biasOff, act, splits, scratchOff. Tiles: ceil(K / TILE_M) * ceil(N*OH*OW / TILE_N).
     * With splits > 1 (split-K, for layers with too few tiles to fill a GPU) each tile's
     * reduction over (tap, channel slice) is cut into that many consecutive ranges, one per
     * work-group; each writes its raw partial sums to scratch[split][K][N*OH*OW] and
     * {@link #splitKSum} adds them up.
     */
    public static void tiledConv(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        float[] wTile = ctx.allocateFloatLocalArray(TILE_K * TILE_M);
        float[] xTile = ctx.allocateFloatLocalArray(TILE_K * TILE_N);
        int lid = ctx.localIdx;
        int channels = m.get(1);
        int inH = m.get(2);
        int inW = m.get(3);
        int outC = m.get(6);
        int outW = m.get(8);
        int kW = m.get(12);
        int taps = m.get(11) * kW;
        int depth = channels * taps;
        int plane = m.get(7) * outW;
        int cols = m.get(19) * plane;
        int tilesN = (cols + TILE_N - 1) / TILE_N;
        int tiles = ((outC + TILE_M - 1) / TILE_M) * tilesN;
        int splits = m.get(23);
        int split = ctx.groupIdx / tiles;
        int tile = ctx.groupIdx - split * tiles;
        int m0 = (tile / tilesN) * TILE_M;
        int j0 = (tile % tilesN) * TILE_N;
        // This group's share of the reduction: iterations (tap, channel slice), tap-major.
        int channelSteps = (channels + TILE_K - 1) / TILE_K;
        int iterations = taps * channelSteps;
        int perSplit = (iterations + splits - 1) / splits;
        int first = split * perSplit;
        int last = first + perSplit < iterations ? first + perSplit : iterations;

        // What this work-item stages: weight rows m0 + lid / TILE_K + 4i at channel lid % TILE_K,
        // and input column j0 + lid % TILE_N at channels lid / TILE_N + 2i (i < 8), so its output
        // pixel is decoded once here.
        int wRow = lid / TILE_K;
        int wCol = lid % TILE_K;
        int wBase = m.get(20) + (m0 + wRow) * depth + wCol;
        int xCol = lid % TILE_N;
        int xRow = lid / TILE_N;
        int j = j0 + xCol;
        boolean colInside = j < cols;
        int n = colInside ? j / plane : 0;
        int p = j - n * plane;
        int oy = p / outW;
        int y0 = oy * m.get(13) - m.get(15);
        int x0 = (p - oy * outW) * m.get(14) - m.get(16);
        int src = m.get(4) + n * m.get(5);
        int inPlane = inH * inW;

        int tx = lid % 8;
        int ty = lid / 8;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f;
        float s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        float s20 = 0f, s21 = 0f, s22 = 0f, s23 = 0f;
        float s30 = 0f, s31 = 0f, s32 = 0f, s33 = 0f;
        for (int it = first; it < last; it++) {
            int tap = it / channelSteps;
            int c0 = (it - tap * channelSteps) * TILE_K;
            int ky = tap / kW;
            int iy = y0 + ky * m.get(17);
            int ix = x0 + (tap - ky * kW) * m.get(18);
            boolean inside = colInside && iy >= 0 && iy < inH && ix >= 0 && ix < inW;
            int pixel = src + iy * inW + ix;
            int wTap = wBase + tap * channels;
            for (int i = 0; i < 8; i++) {
                int row = wRow + 4 * i;
                float v = 0f;
                if (m0 + row < outC && c0 + wCol < channels) {
                    v = w.get(wTap + 4 * i * depth + c0);
                }
                wTile[wCol * TILE_M + row] = v;
            }
            for (int i = 0; i < 8; i++) {
                int row = xRow + 2 * i;
                float v = 0f;
                if (inside && c0 + row < channels) {
                    v = a.get(pixel + (c0 + row) * inPlane);
                }
                xTile[row * TILE_N + xCol] = v;
            }
            ctx.localBarrier();
            for (int r = 0; r < TILE_K; r++) {
                float w0 = wTile[r * TILE_M + ty];
                float w1 = wTile[r * TILE_M + ty + 8];
                float w2 = wTile[r * TILE_M + ty + 16];
                float w3 = wTile[r * TILE_M + ty + 24];
                float x0v = xTile[r * TILE_N + tx];
                float x1v = xTile[r * TILE_N + tx + 8];
                float x2v = xTile[r * TILE_N + tx + 16];
                float x3v = xTile[r * TILE_N + tx + 24];
                s00 += w0 * x0v;
                s01 += w0 * x1v;
                s02 += w0 * x2v;
                s03 += w0 * x3v;
                s10 += w1 * x0v;
                s11 += w1 * x1v;
                s12 += w1 * x2v;
                s13 += w1 * x3v;
                s20 += w2 * x0v;
                s21 += w2 * x1v;
                s22 += w2 * x2v;
                s23 += w2 * x3v;
                s30 += w3 * x0v;
                s31 += w3 * x1v;
                s32 += w3 * x2v;
                s33 += w3 * x3v;
            }
            ctx.localBarrier();
        }
        int k = m0 + ty;
        int outOff = m.get(9);
        int outBS = m.get(10);
        int plane0 = plane;
        if (splits > 1) { // partial sums go to this split's scratch rows, as a dense [K][cols] matrix
            outOff = m.get(24) + split * outC * cols;
            outBS = 0;
            plane0 = cols;
        }
        int col0 = columnOffset(j0 + tx, plane0, cols, outOff, outBS);
        int col1 = columnOffset(j0 + tx + 8, plane0, cols, outOff, outBS);
        int col2 = columnOffset(j0 + tx + 16, plane0, cols, outOff, outBS);
        int col3 = columnOffset(j0 + tx + 24, plane0, cols, outOff, outBS);
        storeConv(a, w, m, k, col0, plane0, splits, s00);
        storeConv(a, w, m, k, col1, plane0, splits, s01);
        storeConv(a, w, m, k, col2, plane0, splits, s02);
        storeConv(a, w, m, k, col3, plane0, splits, s03);
        storeConv(a, w, m, k + 8, col0, plane0, splits, s10);
        storeConv(a, w, m, k + 8, col1, plane0, splits, s11);
        storeConv(a, w, m, k + 8, col2, plane0, splits, s12);
        storeConv(a, w, m, k + 8, col3, plane0, splits, s13);
        storeConv(a, w, m, k + 16, col0, plane0, splits, s20);
        storeConv(a, w, m, k + 16, col1, plane0, splits, s21);
        storeConv(a, w, m, k + 16, col2, plane0, splits, s22);
        storeConv(a, w, m, k + 16, col3, plane0, splits, s23);
        storeConv(a, w, m, k + 24, col0, plane0, splits, s30);
        storeConv(a, w, m, k + 24, col1, plane0, splits, s31);
        storeConv(a, w, m, k + 24, col2, plane0, splits, s32);
        storeConv(a, w, m, k + 24, col3, plane0, splits, s33);
    }

    /**
     * Channel-wise convolution (groups == C: depthwise, or with a channel multiplier K / C; any
     * kernel up to {@value #DW_TAPS} taps, stride, padding, dilation) + bias + activation. A
     * work-group of {@value #WORK_GROUP} work-items computes a tile of tileW x (64 / tileW * rows)
     * outputs of one output plane (item n, channel k; tiles, channels and items folded into the
     * group index): it first copies the input patch the tile reads
     * ((tile - 1) * stride + (kernel - 1) * dilation + 1 per side, zero where it overhangs the
     * input) and the channel's taps into local memory, consecutive work-items on consecutive
     * addresses, then each work-item computes {@code rows} outputs of one column (rows
     * 64 / tileW apart) from local memory only. The encoder picks the tile so the patch fits in
     * {@value #DW_PATCH} floats. Weights are [K][kH][kW]. Meta: total (tiles * WORK_GROUP), C, H,
     * W, inOff, inBS, K, OH, OW, outOff, outBS, kH, kW, sH, sW, pH, pW, dH, dW, tileW, rows,
     * weightOff, biasOff, act. Tiles: N * K * ceil(OH / tileH) * ceil(OW / tileW).
     */
    public static void tiledDepthwise(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        float[] patch = ctx.allocateFloatLocalArray(DW_PATCH);
        float[] taps = ctx.allocateFloatLocalArray(DW_TAPS);
        int lid = ctx.localIdx;
        int channels = m.get(1);
        int inH = m.get(2);
        int inW = m.get(3);
        int outC = m.get(6);
        int outH = m.get(7);
        int outW = m.get(8);
        int kH = m.get(11);
        int kW = m.get(12);
        int sH = m.get(13);
        int sW = m.get(14);
        int dH = m.get(17);
        int dW = m.get(18);
        int tileW = m.get(19);
        int rows = m.get(20);
        int rowsPerPass = WORK_GROUP / tileW;
        int tileH = rowsPerPass * rows;
        int tilesX = (outW + tileW - 1) / tileW;
        int tilesPerPlane = tilesX * ((outH + tileH - 1) / tileH);
        int outPlane = ctx.groupIdx / tilesPerPlane; // n * K + k
        int tile = ctx.groupIdx - outPlane * tilesPerPlane;
        int k = outPlane % outC;
        int n = outPlane / outC;
        int oy0 = (tile / tilesX) * tileH;
        int ox0 = (tile % tilesX) * tileW;

        int patchW = (tileW - 1) * sW + (kW - 1) * dW + 1;
        int patchSize = ((tileH - 1) * sH + (kH - 1) * dH + 1) * patchW;
        int iy0 = oy0 * sH - m.get(15);
        int ix0 = ox0 * sW - m.get(16);
        int src = m.get(4) + n * m.get(5) + (k / (outC / channels)) * inH * inW;
        for (int i = lid; i < patchSize; i += WORK_GROUP) {
            int py = i / patchW;
            int iy = iy0 + py;
            int ix = ix0 + i - py * patchW;
            float v = 0f;
            if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                v = a.get(src + iy * inW + ix);
            }
            patch[i] = v;
        }
        int tapCount = kH * kW;
        if (lid < tapCount) {
            taps[lid] = w.get(m.get(21) + k * tapCount + lid);
        }
        ctx.localBarrier();

        int tx = lid % tileW;
        int ty = lid / tileW;
        int ox = ox0 + tx;
        float bias = w.get(m.get(22) + k);
        int act = m.get(23);
        int dst = m.get(9) + n * m.get(10) + k * outH * outW + ox;
        for (int r = 0; r < rows; r++) {
            int ly = ty + r * rowsPerPass;
            int at = ly * sH * patchW + tx * sW;
            float sum = bias;
            for (int ky = 0; ky < kH; ky++) {
                int row = at + ky * dH * patchW;
                for (int kx = 0; kx < kW; kx++) {
                    sum += patch[row + kx * dW] * taps[ky * kW + kx];
                }
            }
            int oy = oy0 + ly;
            if (oy < outH && ox < outW) {
                a.set(dst + oy * outW, activate(sum, act));
            }
        }
    }

    /** Where output column j (item, pixel) of channel 0 is in the arena; -1 past the last column. */
    private static int columnOffset(int j, int plane, int cols, int outOff, int outBS) {
        int at = -1;
        if (j < cols) {
            int n = j / plane;
            at = outOff + n * outBS + j - n * plane;
        }
        return at;
    }

    /**
     * One output of {@link #tiledConv}: channel k at the column {@link #columnOffset} found, if
     * both are inside; with bias and activation, or raw when it is one split's partial sum.
     */
    private static void storeConv(FloatArray a, FloatArray w, IntArray m, int k, int column, int plane, int splits, float sum) {
        if (k < m.get(6) && column >= 0) {
            a.set(column + k * plane, splits > 1 ? sum : activate(sum + w.get(m.get(21) + k), m.get(22)));
        }
    }

    /**
     * The end of a split-K {@link #tiledConv}: each output (channel k, column j) is the sum of
     * the splits' partials in scratch, plus bias, through the activation, stored where the
     * convolution's output goes. Meta: {@link #tiledConv}'s, with total = K * N*OH*OW.
     */
    public static void splitKSum(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int outC = m.get(6);
            int plane = m.get(7) * m.get(8);
            int cols = m.get(19) * plane;
            int splits = m.get(23);
            int scratch = m.get(24);
            int k = idx / cols;
            int j = idx - k * cols;
            float sum = 0f;
            for (int split = 0; split < splits; split++) sum += a.get(scratch + (split * outC + k) * cols + j);
            storeConv(a, w, m, k, columnOffset(j, plane, cols, m.get(9), m.get(10)), plane, 1, sum);
        }
    }

    /**
     * Max or average pooling with PyTorch's window, padding and divisor rules (ceil mode is in
     * the output size). Meta: total, C, H, W, inOff, inBS, OH, OW, outOff, outBS, kH, kW, sH, sW,
     * pH, pW, mode.
     */
    public static void pool(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int outH = m.get(6);
            int outW = m.get(7);
            int kH = m.get(10);
            int kW = m.get(11);
            int pH = m.get(14);
            int pW = m.get(15);
            int mode = m.get(16);
            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int c = t % channels;
            int n = t / channels;
            int src = m.get(4) + n * m.get(5) + c * inH * inW;
            int y0 = oy * m.get(12) - pH;
            int x0 = ox * m.get(13) - pW;
            int padY1 = y0 + kH < inH + pH ? y0 + kH : inH + pH;
            int padX1 = x0 + kW < inW + pW ? x0 + kW : inW + pW;
            int divisorWithPad = (padY1 - y0) * (padX1 - x0);
            int y1 = y0 + kH < inH ? y0 + kH : inH;
            int x1 = x0 + kW < inW ? x0 + kW : inW;
            y0 = y0 > 0 ? y0 : 0;
            x0 = x0 > 0 ? x0 : 0;
            float result = 0f;
            if (mode == MAX_POOL) {
                float best = -3.4028235e38f;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        float v = a.get(src + y * inW + x);
                        best = v > best ? v : best;
                    }
                }
                result = best;
            } else if (y0 < y1 && x0 < x1) {
                float sum = 0f;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += a.get(src + y * inW + x);
                    }
                }
                int divisor = mode == AVG_POOL_WITH_PAD ? divisorWithPad : (y1 - y0) * (x1 - x0);
                result = sum / divisor;
            }
            a.set(m.get(8) + n * m.get(9) + (c * outH + oy) * outW + ox, result);
        }
    }

    /** Mean of each channel plane. Meta: total (N*C), C, plane, inOff, inBS, outOff, outBS. */
    public static void globalAvgPool(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int plane = m.get(2);
            int c = idx % channels;
            int n = idx / channels;
            int src = m.get(3) + n * m.get(4) + c * plane;
            float sum = 0f;
            for (int i = 0; i < plane; i++) {
                sum += a.get(src + i);
            }
            a.set(m.get(5) + n * m.get(6) + c, sum / plane);
        }
    }

    /**
     * Per-channel scale and shift + activation (inference BatchNorm; a plain activation uses
     * scale 1, shift 0). Meta: total, C, plane, inOff, inBS, outOff, outBS, scaleOff, shiftOff, act.
     */
    public static void channelAffine(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int plane = m.get(2);
            int perItem = channels * plane;
            int i = idx % perItem;
            int n = idx / perItem;
            int c = i / plane;
            float v = a.get(m.get(3) + n * m.get(4) + i) * w.get(m.get(7) + c) + w.get(m.get(8) + c);
            a.set(m.get(5) + n * m.get(6) + i, activate(v, m.get(9)));
        }
    }

    /** Element-wise sum + activation. Meta: total, perItem, aOff, aBS, bOff, bBS, outOff, outBS, act. */
    public static void add(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int perItem = m.get(1);
            int i = idx % perItem;
            int n = idx / perItem;
            float v = a.get(m.get(2) + n * m.get(3) + i) + a.get(m.get(4) + n * m.get(5) + i);
            a.set(m.get(6) + n * m.get(7) + i, activate(v, m.get(8)));
        }
    }

    /** Integers per segment of {@link #copy}. */
    static final int SEGMENT_FIELDS = 6;

    /**
     * Copies one or more tensors between arena slices in one launch (a concat's inputs not made
     * in place, flatten): work-item idx belongs to the last segment starting at or before it.
     * Meta: total, segments, then per segment: start (its first work-item), perItem, srcOff,
     * srcBS, dstOff, dstBS.
     */
    public static void copy(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int at = 2;
            for (int s = 1; s < m.get(1); s++) {
                if (m.get(2 + s * SEGMENT_FIELDS) <= idx) at = 2 + s * SEGMENT_FIELDS;
            }
            int local = idx - m.get(at);
            int perItem = m.get(at + 1);
            int n = local / perItem;
            int i = local - n * perItem;
            a.set(m.get(at + 4) + n * m.get(at + 5) + i, a.get(m.get(at + 2) + n * m.get(at + 3) + i));
        }
    }

    /** The input batch (dense) into its arena slice. Meta: total, perItem, srcOff, srcBS, dstOff, dstBS. */
    public static void copyIn(KernelContext ctx, FloatArray input, FloatArray a, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int perItem = m.get(1);
            int i = idx % perItem;
            int n = idx / perItem;
            a.set(m.get(4) + n * m.get(5) + i, input.get(m.get(2) + n * m.get(3) + i));
        }
    }

    /** An output's arena slice into the dense output buffer. Meta as {@link #copyIn}. */
    public static void copyOut(KernelContext ctx, FloatArray a, FloatArray output, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int perItem = m.get(1);
            int i = idx % perItem;
            int n = idx / perItem;
            output.set(m.get(4) + n * m.get(5) + i, a.get(m.get(2) + n * m.get(3) + i));
        }
    }

    /**
     * Bilinear resize, PyTorch's upsample_bilinear2d formulas; scales (float) at weights[scaleOff],
     * [scaleOff + 1]. Meta: total, C, H, W, inOff, inBS, OH, OW, outOff, outBS, alignCorners, scaleOff.
     */
    public static void resize(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int outH = m.get(6);
            int outW = m.get(7);
            int align = m.get(10);
            float scaleH = w.get(m.get(11));
            float scaleW = w.get(m.get(11) + 1);
            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int c = t % channels;
            int n = t / channels;
            int src = m.get(4) + n * m.get(5) + c * inH * inW;
            float fy = align == 1 ? scaleH * oy : scaleH * (oy + 0.5f) - 0.5f;
            float fx = align == 1 ? scaleW * ox : scaleW * (ox + 0.5f) - 0.5f;
            fy = fy > 0f ? fy : 0f;
            fx = fx > 0f ? fx : 0f;
            int y0 = (int) fy;
            int x0 = (int) fx;
            int y1 = y0 < inH - 1 ? y0 + 1 : y0;
            int x1 = x0 < inW - 1 ? x0 + 1 : x0;
            float ly1 = fy - y0;
            float ly0 = 1f - ly1;
            float lx1 = fx - x0;
            float lx0 = 1f - lx1;
            float v = ly0 * (lx0 * a.get(src + y0 * inW + x0) + lx1 * a.get(src + y0 * inW + x1))
                    + ly1 * (lx0 * a.get(src + y1 * inW + x0) + lx1 * a.get(src + y1 * inW + x1));
            a.set(m.get(8) + n * m.get(9) + (c * outH + oy) * outW + ox, v);
        }
    }

    /**
     * Nearest-neighbour resize as a gather: the source row of each output row and the source
     * column of each output column are tabulated on the host (PyTorch's index rule, shared with
     * the CPU backend). Meta: total, C, H, W, inOff, inBS, OH, OW, outOff, outBS, rows[OH], cols[OW].
     */
    public static void resizeNearest(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int outH = m.get(6);
            int outW = m.get(7);
            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int c = t % channels;
            int n = t / channels;
            int src = m.get(4) + n * m.get(5) + c * inH * inW + m.get(10 + oy) * inW + m.get(10 + outH + ox);
            a.set(m.get(8) + n * m.get(9) + (c * outH + oy) * outW + ox, a.get(src));
        }
    }

    /** Spatial crop. Meta: total, C, H, W, inOff, inBS, OH, OW, outOff, outBS, top, left. */
    public static void crop(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int inH = m.get(2);
            int inW = m.get(3);
            int outH = m.get(6);
            int outW = m.get(7);
            int ox = idx % outW;
            int t = idx / outW;
            int oy = t % outH;
            t = t / outH;
            int c = t % channels;
            int n = t / channels;
            float v = a.get(m.get(4) + n * m.get(5) + (c * inH + oy + m.get(10)) * inW + ox + m.get(11));
            a.set(m.get(8) + n * m.get(9) + (c * outH + oy) * outW + ox, v);
        }
    }

    /**
     * SSD's L2Norm: weight[c] * x / (sqrt(sum_c x^2) + eps) at every position; one work-item per
     * position. eps is at weights[epsOff]. Meta: total (N*plane), C, plane, inOff, inBS, outOff,
     * outBS, weightOff, epsOff.
     */
    public static void l2Norm(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int plane = m.get(2);
            int p = idx % plane;
            int n = idx / plane;
            int src = m.get(3) + n * m.get(4) + p;
            int dst = m.get(5) + n * m.get(6) + p;
            int wOff = m.get(7);
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                float v = a.get(src + c * plane);
                sum += v * v;
            }
            float inv = 1f / (TornadoMath.sqrt(sum) + w.get(m.get(8)));
            for (int c = 0; c < channels; c++) {
                a.set(dst + c * plane, w.get(wOff + c) * (a.get(src + c * plane) * inv));
            }
        }
    }

    /** NCHW to dense NHWC rows. Meta: total, C, plane, inOff, inBS, outOff, outBS. */
    public static void channelsLast(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int channels = m.get(1);
            int plane = m.get(2);
            int perItem = channels * plane;
            int i = idx % perItem;
            int n = idx / perItem;
            int c = i % channels;
            int p = i / channels;
            a.set(m.get(5) + n * m.get(6) + i, a.get(m.get(3) + n * m.get(4) + c * plane + p));
        }
    }

    /**
     * One input of a concatenation along an axis: its [outer, block] elements go to rows of
     * {@code outBlock} floats starting at {@code start} in each. Meta: total (N*outer*block),
     * outer, block, inOff, inBS, outOff, outBS, outBlock, start.
     */
    public static void blockCopy(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int outer = m.get(1);
            int block = m.get(2);
            int j = idx % block;
            int t = idx / block;
            int k = t % outer;
            int n = t / outer;
            float v = a.get(m.get(3) + n * m.get(4) + k * block + j);
            a.set(m.get(5) + n * m.get(6) + k * m.get(7) + m.get(8) + j, v);
        }
    }

    /** Fully connected. Meta: total (N*out), in, out, inOff, inBS, outOff, outBS, weightOff, biasOff. */
    public static void linear(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int in = m.get(1);
            int out = m.get(2);
            int o = idx % out;
            int n = idx / out;
            int src = m.get(3) + n * m.get(4);
            int row = m.get(7) + o * in;
            float sum = w.get(m.get(8) + o);
            for (int i = 0; i < in; i++) {
                sum += a.get(src + i) * w.get(row + i);
            }
            a.set(m.get(5) + n * m.get(6) + o, sum);
        }
    }

    /**
     * Softmax along one axis, stable (max subtracted); one work-item per position across it.
     * Each item is viewed as [outer, len, inner]. Meta: total (N*outer*inner), len, inner, outer,
     * inOff, inBS, outOff, outBS.
     */
    public static void softmax(KernelContext ctx, FloatArray a, FloatArray w, IntArray m) {
        int idx = ctx.globalIdx;
        if (idx < m.get(0)) {
            int len = m.get(1);
            int inner = m.get(2);
            int outer = m.get(3);
            int i = idx % inner;
            int t = idx / inner;
            int o = t % outer;
            int n = t / outer;
            int rel = o * len * inner + i;
            int src = m.get(4) + n * m.get(5) + rel;
            int dst = m.get(6) + n * m.get(7) + rel;
            float max = -3.4028235e38f;
            for (int k = 0; k < len; k++) {
                float v = a.get(src + k * inner);
                max = v > max ? v : max;
            }
            float sum = 0f;
            for (int k = 0; k < len; k++) {
                float e = TornadoMath.exp(a.get(src + k * inner) - max);
                a.set(dst + k * inner, e);
                sum += e;
            }
            for (int k = 0; k < len; k++) {
                a.set(dst + k * inner, a.get(dst + k * inner) / sum);
            }
        }
    }
}
