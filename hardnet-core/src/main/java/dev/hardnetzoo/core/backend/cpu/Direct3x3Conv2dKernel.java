package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense 3x3 stride-1 conv computed directly, vectorised across output channels: for layers with
 * few output channels (DenseNet's 32, HarDNet's 14 to 40) Winograd spends most of its time
 * transforming inputs that feed only a few output channels, and im2col copies each input nine
 * times. The input planes are first copied, in parallel, into zero-padded planes, so every
 * output pixel of a padded row reads its nine taps at fixed offsets with no edge tests; pixels are
 * numbered along padded rows, so a group of {@link #PIXELS} pixels may span rows, and the two
 * padding columns' results are computed and dropped. The micro-kernel keeps {@link #BLOCK} output
 * channels by {@link #PIXELS} pixels in registers over all input channels and taps: per tap, two
 * weight vectors and twelve broadcast pixels feed 24 fused multiply-adds (a last block of at most
 * one vector's channels uses one weight vector, so 14 or 40 output channels waste few lanes). Only used when
 * {@link VectorSupport#AVAILABLE}.
 */
final class Direct3x3Conv2dKernel extends Conv2dKernel {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Output channels per micro-kernel block: two vectors. */
    static final int BLOCK = 2 * L;
    /** Pixels (along padded rows) per micro-kernel call. */
    static final int PIXELS = 12;
    private static final int TAPS = 9;
    /** Tasks per thread aimed for, so uneven progress still balances. */
    private static final int TASKS_PER_THREAD = 4;
    /** Per-thread sums of one micro-kernel block, [PIXELS][BLOCK]. */
    private static final ThreadLocal<float[]> RESULTS = ThreadLocal.withInitial(() -> new float[PIXELS * BLOCK]);

    private final float[] packed; // [channel block][input channel][tap][block width], channels past outC zero
    private final float[] biases; // padded to whole blocks
    private final int blocks;
    /** Whether the last block is one vector wide: outC leaves at most L channels for it. */
    private final boolean narrowLast;
    /** Padded row width: the input row with its padding on both sides. */
    private final int rowWidth;
    /** Floats per padded input plane, with slack for the last group's reads past the plane. */
    private final int planeFloats;
    /** Pixel groups per batch item: the output rows at padded width, in groups of {@link #PIXELS}. */
    private final int groups;
    /** Offset of each tap from the output pixel's top-left tap in a padded plane. */
    private final int[] taps = new int[TAPS];

    Direct3x3Conv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        if (!handles(g)) throw new IllegalArgumentException("not a one-group 3x3 stride-1 conv: " + g);
        this.blocks = (g.outC() + BLOCK - 1) / BLOCK;
        this.narrowLast = paddedChannels(g.outC()) % BLOCK != 0;
        this.rowWidth = g.inW() + 2 * g.padW();
        this.groups = paddedPixels(g) / PIXELS;
        this.planeFloats = groups * PIXELS + 2 * rowWidth + 2;
        for (int t = 0; t < TAPS; t++) taps[t] = t / 3 * rowWidth + t % 3;
        this.packed = new float[blocks * g.inC() * TAPS * BLOCK];
        for (int oc = 0; oc < g.outC(); oc++) {
            int block = oc / BLOCK;
            int width = blockWidth(block);
            for (int ic = 0; ic < g.inC(); ic++) {
                for (int t = 0; t < TAPS; t++) {
                    packed[block * g.inC() * TAPS * BLOCK + (ic * TAPS + t) * width + oc % BLOCK] =
                            weight[(oc * g.inC() + ic) * TAPS + t];
                }
            }
        }
        this.biases = Arrays.copyOf(bias, blocks * BLOCK);
    }

    /** Output channels the micro-kernel computes for a block: two vectors, or one for a narrow last block. */
    private int blockWidth(int block) {
        return narrowLast && block == blocks - 1 ? L : BLOCK;
    }

    /** Output pixels computed per batch item: the output rows at padded width, in whole groups. */
    static int paddedPixels(ConvGeometry g) {
        int rowWidth = g.inW() + 2 * g.padW();
        return (g.outH() * rowWidth + PIXELS - 1) / PIXELS * PIXELS;
    }

    /** Output channels computed: whole blocks, the last one vector wide when that covers the rest. */
    static int paddedChannels(int outC) {
        int rest = outC % BLOCK;
        return outC - rest + (rest == 0 ? 0 : rest <= L ? L : BLOCK);
    }

    /** A dense 3x3 conv with stride 1 and no dilation (any padding). */
    static boolean handles(ConvGeometry g) {
        return g.groups() == 1 && g.kH() == 3 && g.kW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilH() == 1 && g.dilW() == 1;
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        int batch = in.shape().n();
        int depth = geom.inC();
        int perItem = depth * planeFloats;
        // The padded input is shared by all tasks: in the calling thread's scratch, which it does not
        // touch otherwise while this runs; the tasks keep their sums in their own RESULTS.
        float[] padded = Scratch.floats(batch * perItem);
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        int padRuns = Math.min(depth, Math.max(1, (target + batch - 1) / batch));
        par.forEach(batch * padRuns, t -> {
            int n = t / padRuns;
            int run = t % padRuns;
            int c0 = (int) ((long) run * depth / padRuns);
            int c1 = (int) ((long) (run + 1) * depth / padRuns);
            for (int c = c0; c < c1; c++) pad(arena, in.at(n, c), padded, n * perItem + c * planeFloats);
        });
        int blockRuns = Math.min(blocks, Math.max(1, (target + batch - 1) / batch));
        int groupRuns = Math.min(groups, Math.max(1, (target + batch * blockRuns - 1) / (batch * blockRuns)));
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        par.forEach(batch * blockRuns * groupRuns, t -> {
            int n = t / (blockRuns * groupRuns);
            int run = t / groupRuns % blockRuns;
            int gRun = t % groupRuns;
            int b0 = (int) ((long) run * blocks / blockRuns);
            int b1 = (int) ((long) (run + 1) * blocks / blockRuns);
            int g0 = (int) ((long) gRun * groups / groupRuns);
            int g1 = (int) ((long) (gRun + 1) * groups / groupRuns);
            float[] results = RESULTS.get();
            for (int block = b0; block < b1; block++) {
                int rows = Math.min(BLOCK, geom.outC() - block * BLOCK);
                int outBase = out.at(n, block * BLOCK);
                for (int grp = g0; grp < g1; grp++) {
                    if (blockWidth(block) == BLOCK) {
                        multiply(padded, n * perItem + grp * PIXELS, block, lo, hi, results);
                    } else {
                        multiplyNarrow(padded, n * perItem + grp * PIXELS, block, lo, hi, results);
                    }
                    store(results, arena, outBase, grp * PIXELS, rows);
                }
            }
        });
    }

    /** One input plane at {@code src} into a zero-padded plane at {@code dst}, zeros in its slack too. */
    private void pad(float[] a, int src, float[] p, int dst) {
        int padH = geom.padH();
        int padW = geom.padW();
        int inW = geom.inW();
        Arrays.fill(p, dst, dst + padH * rowWidth + padW, 0f);
        for (int y = 0; y < geom.inH(); y++) {
            int row = dst + (padH + y) * rowWidth;
            System.arraycopy(a, src + y * inW, p, row + padW, inW);
            Arrays.fill(p, row + padW + inW, row + rowWidth + padW, 0f); // right padding, next row's left
        }
        Arrays.fill(p, dst + (padH + geom.inH()) * rowWidth, dst + planeFloats, 0f);
    }

    /**
     * Output pixels [q0, q0 + PIXELS) along padded rows of channels [0, rows) of a block, from its
     * [PIXELS][BLOCK] results; the padding columns' results are dropped.
     */
    private void store(float[] results, float[] a, int outBase, int q0, int rows) {
        int outW = geom.outW();
        int plane = geom.outPlane();
        for (int i = 0; i < PIXELS; i++) {
            int q = q0 + i;
            int y = q / rowWidth;
            int x = q % rowWidth;
            if (x >= outW || y >= geom.outH()) continue;
            int o = outBase + y * outW + x;
            for (int row = 0; row < rows; row++) a[o + row * plane] = results[i * BLOCK + row];
        }
    }

    /**
     * One block of output channels for the pixel group starting at padded-plane offset {@code at}:
     * bias plus the products over all input channels and taps, clamped, into {@code results} as
     * [PIXELS][BLOCK]. Written out for C2, which keeps vectors in registers only in straight-line code.
     */
    private void multiply(float[] s, int at, int block, float lo, float hi, float[] results) {
        int depth = geom.inC();
        int[] tap = taps;
        float[] w = packed;
        FloatVector bias0 = FloatVector.fromArray(S, biases, block * BLOCK);
        FloatVector bias1 = FloatVector.fromArray(S, biases, block * BLOCK + L);
        FloatVector c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1, c20 = bias0, c21 = bias1;
        FloatVector c30 = bias0, c31 = bias1, c40 = bias0, c41 = bias1, c50 = bias0, c51 = bias1;
        FloatVector c60 = bias0, c61 = bias1, c70 = bias0, c71 = bias1, c80 = bias0, c81 = bias1;
        FloatVector c90 = bias0, c91 = bias1, ca0 = bias0, ca1 = bias1, cb0 = bias0, cb1 = bias1;
        int wi = block * depth * TAPS * BLOCK;
        for (int ic = 0; ic < depth; ic++) {
            int plane = at + ic * planeFloats;
            for (int t = 0; t < TAPS; t++, wi += BLOCK) {
                int bi = plane + tap[t];
                FloatVector w0 = FloatVector.fromArray(S, w, wi);
                FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
                FloatVector b;
                b = FloatVector.broadcast(S, s[bi]);
                c00 = w0.fma(b, c00);
                c01 = w1.fma(b, c01);
                b = FloatVector.broadcast(S, s[bi + 1]);
                c10 = w0.fma(b, c10);
                c11 = w1.fma(b, c11);
                b = FloatVector.broadcast(S, s[bi + 2]);
                c20 = w0.fma(b, c20);
                c21 = w1.fma(b, c21);
                b = FloatVector.broadcast(S, s[bi + 3]);
                c30 = w0.fma(b, c30);
                c31 = w1.fma(b, c31);
                b = FloatVector.broadcast(S, s[bi + 4]);
                c40 = w0.fma(b, c40);
                c41 = w1.fma(b, c41);
                b = FloatVector.broadcast(S, s[bi + 5]);
                c50 = w0.fma(b, c50);
                c51 = w1.fma(b, c51);
                b = FloatVector.broadcast(S, s[bi + 6]);
                c60 = w0.fma(b, c60);
                c61 = w1.fma(b, c61);
                b = FloatVector.broadcast(S, s[bi + 7]);
                c70 = w0.fma(b, c70);
                c71 = w1.fma(b, c71);
                b = FloatVector.broadcast(S, s[bi + 8]);
                c80 = w0.fma(b, c80);
                c81 = w1.fma(b, c81);
                b = FloatVector.broadcast(S, s[bi + 9]);
                c90 = w0.fma(b, c90);
                c91 = w1.fma(b, c91);
                b = FloatVector.broadcast(S, s[bi + 10]);
                ca0 = w0.fma(b, ca0);
                ca1 = w1.fma(b, ca1);
                b = FloatVector.broadcast(S, s[bi + 11]);
                cb0 = w0.fma(b, cb0);
                cb1 = w1.fma(b, cb1);
            }
        }
        c00.max(lo).min(hi).intoArray(results, 0 * BLOCK);
        c01.max(lo).min(hi).intoArray(results, 0 * BLOCK + L);
        c10.max(lo).min(hi).intoArray(results, 1 * BLOCK);
        c11.max(lo).min(hi).intoArray(results, 1 * BLOCK + L);
        c20.max(lo).min(hi).intoArray(results, 2 * BLOCK);
        c21.max(lo).min(hi).intoArray(results, 2 * BLOCK + L);
        c30.max(lo).min(hi).intoArray(results, 3 * BLOCK);
        c31.max(lo).min(hi).intoArray(results, 3 * BLOCK + L);
        c40.max(lo).min(hi).intoArray(results, 4 * BLOCK);
        c41.max(lo).min(hi).intoArray(results, 4 * BLOCK + L);
        c50.max(lo).min(hi).intoArray(results, 5 * BLOCK);
        c51.max(lo).min(hi).intoArray(results, 5 * BLOCK + L);
        c60.max(lo).min(hi).intoArray(results, 6 * BLOCK);
        c61.max(lo).min(hi).intoArray(results, 6 * BLOCK + L);
        c70.max(lo).min(hi).intoArray(results, 7 * BLOCK);
        c71.max(lo).min(hi).intoArray(results, 7 * BLOCK + L);
        c80.max(lo).min(hi).intoArray(results, 8 * BLOCK);
        c81.max(lo).min(hi).intoArray(results, 8 * BLOCK + L);
        c90.max(lo).min(hi).intoArray(results, 9 * BLOCK);
        c91.max(lo).min(hi).intoArray(results, 9 * BLOCK + L);
        ca0.max(lo).min(hi).intoArray(results, 10 * BLOCK);
        ca1.max(lo).min(hi).intoArray(results, 10 * BLOCK + L);
        cb0.max(lo).min(hi).intoArray(results, 11 * BLOCK);
        cb1.max(lo).min(hi).intoArray(results, 11 * BLOCK + L);
    }

    /**
     * As {@link #multiply} for a last block of one vector's channels (weights packed L wide):
     * bias plus the products over all input channels and taps, clamped, into {@code results} as
     * [PIXELS][BLOCK]. Written out for C2, which keeps vectors in registers only in straight-line code.
     */
    private void multiplyNarrow(float[] s, int at, int block, float lo, float hi, float[] results) {
        int depth = geom.inC();
        int[] tap = taps;
        float[] w = packed;
        FloatVector bias0 = FloatVector.fromArray(S, biases, block * BLOCK);
        FloatVector c00 = bias0, c10 = bias0, c20 = bias0;
        FloatVector c30 = bias0, c40 = bias0, c50 = bias0;
        FloatVector c60 = bias0, c70 = bias0, c80 = bias0;
        FloatVector c90 = bias0, ca0 = bias0, cb0 = bias0;
        int wi = block * depth * TAPS * BLOCK;
        for (int ic = 0; ic < depth; ic++) {
            int plane = at + ic * planeFloats;
            for (int t = 0; t < TAPS; t++, wi += L) {
                int bi = plane + tap[t];
                FloatVector w0 = FloatVector.fromArray(S, w, wi);
                FloatVector b;
                b = FloatVector.broadcast(S, s[bi]);
                c00 = w0.fma(b, c00);
                b = FloatVector.broadcast(S, s[bi + 1]);
                c10 = w0.fma(b, c10);
                b = FloatVector.broadcast(S, s[bi + 2]);
                c20 = w0.fma(b, c20);
                b = FloatVector.broadcast(S, s[bi + 3]);
                c30 = w0.fma(b, c30);
                b = FloatVector.broadcast(S, s[bi + 4]);
                c40 = w0.fma(b, c40);
                b = FloatVector.broadcast(S, s[bi + 5]);
                c50 = w0.fma(b, c50);
                b = FloatVector.broadcast(S, s[bi + 6]);
                c60 = w0.fma(b, c60);
                b = FloatVector.broadcast(S, s[bi + 7]);
                c70 = w0.fma(b, c70);
                b = FloatVector.broadcast(S, s[bi + 8]);
                c80 = w0.fma(b, c80);
                b = FloatVector.broadcast(S, s[bi + 9]);
                c90 = w0.fma(b, c90);
                b = FloatVector.broadcast(S, s[bi + 10]);
                ca0 = w0.fma(b, ca0);
                b = FloatVector.broadcast(S, s[bi + 11]);
                cb0 = w0.fma(b, cb0);
            }
        }
        c00.max(lo).min(hi).intoArray(results, 0 * BLOCK);
        c10.max(lo).min(hi).intoArray(results, 1 * BLOCK);
        c20.max(lo).min(hi).intoArray(results, 2 * BLOCK);
        c30.max(lo).min(hi).intoArray(results, 3 * BLOCK);
        c40.max(lo).min(hi).intoArray(results, 4 * BLOCK);
        c50.max(lo).min(hi).intoArray(results, 5 * BLOCK);
        c60.max(lo).min(hi).intoArray(results, 6 * BLOCK);
        c70.max(lo).min(hi).intoArray(results, 7 * BLOCK);
        c80.max(lo).min(hi).intoArray(results, 8 * BLOCK);
        c90.max(lo).min(hi).intoArray(results, 9 * BLOCK);
        ca0.max(lo).min(hi).intoArray(results, 10 * BLOCK);
        cb0.max(lo).min(hi).intoArray(results, 11 * BLOCK);
    }
}
