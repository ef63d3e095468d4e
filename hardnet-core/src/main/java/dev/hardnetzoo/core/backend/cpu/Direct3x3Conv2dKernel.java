package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense 3x3 stride-1 conv computed directly, vectorised across output channels: for layers with
 * few output channels (DenseNet's 32, HarDNet's 14 to 40) Winograd spends most of its time
 * transforming inputs that feed only a few output channels, and im2col copies each input nine
 * times. The input planes are first copied, in parallel, into zero-padded planes, so every
 * output pixel of a padded row reads its nine taps at fixed offsets with no edge tests; pixels are
 * numbered along padded rows, so a group of {@link #PIXELS} pixels may span rows, and the padding
 * gap's results are computed and dropped (one column of a 7x7 map's eight). The micro-kernel keeps {@link #BLOCK} output
 * channels by {@link #PIXELS} pixels in registers over {@link #DEPTH_SLICE} input channels and all
 * taps: per tap, two weight vectors and twelve broadcast pixels feed 24 fused multiply-adds (six
 * pixels and 12 where there are 16 vector registers, not 32: the 24 accumulators spilled and ran
 * at 20 GFLOP/s instead of 32-36 on a 2-core Zen 3, {@code KernelCpuRates conv3x3:128:32:56}) (a
 * last block of at most one vector's channels uses one weight vector, so 14 or 40 output channels
 * waste few lanes). A task runs each depth slice over all its pixel groups, keeping their running
 * sums, so the slice's weights are read from L1. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class Direct3x3Conv2dKernel extends Conv2dKernel {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Output channels per micro-kernel block: two vectors. */
    static final int BLOCK = 2 * L;
    /** Pixels (along padded rows) per micro-kernel call; the code past the sixth is left out when 6. */
    static final int PIXELS = VectorGemm.REGISTERS >= 32 ? 12 : 6;
    private static final int TAPS = 9;
    /**
     * Tasks per thread aimed for: each rereads its blocks' weights and pads its groups' input, so
     * few. 2 measured 2-3 % faster than 4 or 8 on HarDNet-68; 1 then ran DenseNet-121's 7x7 convs
     * (ten pixel groups) 15 % faster than 2, its 14x14 ones and HarDNet-68's level (their steps
     * against the 1x1 or other 3x3 steps, alternating profiles on a 2-core Zen 3).
     */
    private static final int TASKS_PER_THREAD = 1;
    /**
     * Input channels per pass over a task's pixel groups: one block's weights for them (12 x 9 x 32
     * floats, 13.5 KiB) stay in L1 across the groups, beside the groups' input rows, instead of
     * streaming from L2 for every group. With 32 channels (36 KiB of weights) the two no longer fit
     * the 48 KiB L1 together: the loop alone ran at 140 GFLOP/s instead of 160, and DenseNet-121's
     * 3x3 convs took 4 % longer on one thread.
     */
    static final int DEPTH_SLICE = 12;
    /** Weights up to this size (in L2 with room to spare) let every task take all channel blocks of a band. */
    private static final long MAX_BAND_WEIGHT_BYTES = 512 << 10;
    /** Per-thread padded input rows of one band, [channel][band floats]. */
    private static final Scratch.Buffer BAND = new Scratch.Buffer();
    /** Per-thread step offsets, see {@link #stepOffsets}. */
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[0]);
    /** Per-thread running sums of a task's pixel groups for one block, [group][PIXELS][BLOCK]. */
    private static final Scratch.Buffer SUMS = new Scratch.Buffer();

    private final float[] packed; // [channel block][input channel][tap][block width], channels past outC zero
    private final float[] biases; // padded to whole blocks
    private final int blocks;
    /** Whether the last block is one vector wide: outC leaves at most L channels for it. */
    private final boolean narrowLast;
    /** Floats per padded row, see {@link #rowWidth(ConvGeometry)}. */
    private final int rowWidth;
    /** Floats per padded input plane, with slack for the last group's reads past the plane. */
    private final int planeFloats;
    /** Pixel groups per batch item: the output rows at padded width, in groups of {@link #PIXELS}. */
    private final int groups;
    /** Offset of each of a block's output channels from its first: c times the output plane. */
    private final int[] channelStride = new int[BLOCK];
    /**
     * The same for the last block, 0 past its channels: a masked scatter still range-checks the
     * lanes it does not write.
     */
    private final int[] lastChannelStride = new int[BLOCK];
    /** Offset of each tap from the output pixel's top-left tap in a padded plane. */
    private final int[] taps = new int[TAPS];

    Direct3x3Conv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        if (!handles(g)) throw new IllegalArgumentException("not a one-group 3x3 stride-1 conv: " + g);
        this.blocks = (g.outC() + BLOCK - 1) / BLOCK;
        this.narrowLast = paddedChannels(g.outC()) % BLOCK != 0;
        this.rowWidth = rowWidth(g);
        this.groups = paddedPixels(g) / PIXELS;
        this.planeFloats = Math.max(groups * PIXELS + 2 * rowWidth + 2, (g.inH() + 2 * g.padH()) * rowWidth + g.padW());
        for (int t = 0; t < TAPS; t++) taps[t] = t / 3 * rowWidth + t % 3;
        int lastRows = g.outC() - (blocks - 1) * BLOCK;
        for (int c = 0; c < BLOCK; c++) {
            channelStride[c] = c * g.outPlane();
            lastChannelStride[c] = c < lastRows ? c * g.outPlane() : 0;
        }
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

    /**
     * Floats per padded row: the input row and one padding gap, which is both this row's right
     * padding and the next row's left padding (a tap past the row's end reads the next row's gap).
     */
    static int rowWidth(ConvGeometry g) {
        return g.inW() + g.padW();
    }

    /** Output pixels computed per batch item: the output rows at padded width, in whole groups. */
    static int paddedPixels(ConvGeometry g) {
        return (g.outH() * rowWidth(g) + PIXELS - 1) / PIXELS * PIXELS;
    }

    /** Output channels in whole blocks of {@link #BLOCK}, a narrow last block counted as a full one. */
    static int wholeBlockChannels(int outC) {
        return (outC + BLOCK - 1) / BLOCK * BLOCK;
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
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        if (par.threads() > 1 && 4L * packed.length <= MAX_BAND_WEIGHT_BYTES) {
            computeByBands(arena, in, out, par, BlockGroupSplit.byGroups(batch, blocks, groups, target));
            return;
        }
        int depth = geom.inC();
        int perItem = depth * planeFloats;
        int paddedRows = geom.inH() + 2 * geom.padH();
        // The padded input is shared by all tasks: in the calling thread's scratch, which it does not
        // touch otherwise while this runs; the tasks keep their running sums in their own SUMS.
        float[] padded = Scratch.floats(batch * perItem);
        int padRuns = Math.min(depth, Math.max(1, (target + batch - 1) / batch));
        par.forEach(batch * padRuns, t -> {
            int n = t / padRuns;
            int run = t % padRuns;
            int c0 = (int) ((long) run * depth / padRuns);
            int c1 = (int) ((long) (run + 1) * depth / padRuns);
            for (int c = c0; c < c1; c++) {
                padRows(arena, in.at(n, c), padded, n * perItem + c * planeFloats, 0, paddedRows, planeFloats);
            }
        });
        BlockGroupSplit split = BlockGroupSplit.of(batch, blocks, groups, target);
        par.forEach(split.tasks(batch), t -> {
            int n = split.item(t);
            convolve(padded, n * perItem, planeFloats, arena, out, n, split.blockStart(t), split.blockEnd(t),
                    split.groupStart(t), split.groupEnd(t));
        });
    }

    /**
     * With weights small enough for every task to read all of them (few output channels), tasks
     * take bands of pixel groups and pad just the input rows their band reads into their own
     * buffer: no pass over the whole input before them, no barrier, and each core reads only what
     * it wrote.
     */
    private void computeByBands(float[] arena, Slice in, Slice out, Parallel par, BlockGroupSplit split) {
        int depth = geom.inC();
        int paddedRows = geom.inH() + 2 * geom.padH();
        par.forEach(split.tasks(in.shape().n()), t -> {
            int n = split.item(t);
            int g0 = split.groupStart(t);
            int g1 = split.groupEnd(t);
            int r0 = g0 * PIXELS / rowWidth;
            int r1 = Math.min(paddedRows, ((g1 * PIXELS - 1) / rowWidth) + geom.kH());
            int bandFloats = (r1 - r0) * rowWidth + rowWidth + PIXELS + geom.kW();
            float[] band = BAND.floats(depth * bandFloats);
            for (int c = 0; c < depth; c++) padRows(arena, in.at(n, c), band, c * bandFloats, r0, r1, bandFloats);
            convolve(band, -r0 * rowWidth, bandFloats, arena, out, n, 0, blocks, g0, g1);
        });
    }

    /**
     * Channel blocks [b0, b1) of pixel groups [g0, g1) of batch item n from padded planes of
     * {@code stride} floats in {@code padded}, pixel q of channel c at {@code base + c * stride + q}.
     */
    private void convolve(float[] padded, int base, int stride, float[] arena, Slice out, int n, int b0, int b1,
                          int g0, int g1) {
        int depth = geom.inC();
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        float[] sums = SUMS.floats((g1 - g0) * PIXELS * BLOCK);
        int[] off = stepOffsets(stride);
        for (int block = b0; block < b1; block++) {
            for (int i = 0; i < (g1 - g0) * PIXELS; i++) System.arraycopy(biases, block * BLOCK, sums, i * BLOCK, BLOCK);
            for (int ic0 = 0; ic0 < depth; ic0 += DEPTH_SLICE) {
                int ic1 = Math.min(depth, ic0 + DEPTH_SLICE);
                for (int grp = g0; grp < g1; grp++) {
                    int at = base + grp * PIXELS;
                    int sumsAt = (grp - g0) * PIXELS * BLOCK;
                    if (blockWidth(block) == BLOCK) {
                        multiply(padded, at, off, block, ic0, ic1, sums, sumsAt);
                    } else {
                        multiplyNarrow(padded, at, off, block, ic0, ic1, sums, sumsAt);
                    }
                }
            }
            int rows = Math.min(BLOCK, geom.outC() - block * BLOCK);
            int outBase = out.at(n, block * BLOCK);
            for (int grp = g0; grp < g1; grp++) {
                store(sums, (grp - g0) * PIXELS * BLOCK, arena, outBase, grp * PIXELS, rows, lo, hi);
            }
        }
    }

    /**
     * Padded rows [r0, r1) of the input plane at {@code src} into {@code p} from {@code dst}: each
     * row its padding gap (zeros) then the input row, or zeros for a padding row; zeros after them
     * up to {@code dst + floats}.
     */
    private void padRows(float[] a, int src, float[] p, int dst, int r0, int r1, int floats) {
        int padH = geom.padH();
        int padW = geom.padW();
        int inW = geom.inW();
        for (int r = r0; r < r1; r++) {
            int row = dst + (r - r0) * rowWidth;
            int y = r - padH;
            Arrays.fill(p, row, row + padW, 0f);
            if (y >= 0 && y < geom.inH()) {
                System.arraycopy(a, src + y * inW, p, row + padW, inW);
            } else {
                Arrays.fill(p, row + padW, row + rowWidth, 0f);
            }
        }
        Arrays.fill(p, dst + (r1 - r0) * rowWidth, dst + floats, 0f);
    }

    /**
     * This thread's table of each (input channel, tap) step's offset from a pixel group's start, for
     * padded planes {@code stride} floats apart: step k = ic * 9 + tap at {@code ic * stride + taps[tap]}.
     */
    private int[] stepOffsets(int stride) {
        int steps = geom.inC() * TAPS;
        int[] off = OFFSETS.get();
        if (off.length < steps) {
            off = new int[steps];
            OFFSETS.set(off);
        }
        for (int ic = 0, k = 0; ic < geom.inC(); ic++) {
            for (int t = 0; t < TAPS; t++, k++) off[k] = ic * stride + taps[t];
        }
        return off;
    }

    /**
     * Output pixels [q0, q0 + PIXELS) along padded rows of channels [0, rows) of a block, from its
     * [PIXELS][BLOCK] sums at {@code sums[at]}, clamped to [lo, hi]; the padding gap's are dropped.
     * A pixel's channels go out as one or two vector scatters (channel planes {@link #channelStride}
     * apart), or value by value without {@link VectorGemm#MASKED_GATHER_SCATTER}.
     */
    private void store(float[] sums, int at, float[] a, int outBase, int q0, int rows, float lo, float hi) {
        int outW = geom.outW();
        int[] stride = rows == BLOCK ? channelStride : lastChannelStride;
        VectorMask<Float> first = S.indexInRange(0, rows);
        VectorMask<Float> second = S.indexInRange(L, rows);
        int y = q0 / rowWidth;
        int x = q0 % rowWidth;
        for (int i = 0; i < PIXELS && y < geom.outH(); i++) {
            if (x < outW) {
                int o = outBase + y * outW + x;
                if (!VectorGemm.MASKED_GATHER_SCATTER) {
                    for (int c = 0; c < rows; c++) a[o + stride[c]] = Math.min(Math.max(sums[at + i * BLOCK + c], lo), hi);
                } else {
                    FloatVector.fromArray(S, sums, at + i * BLOCK).max(lo).min(hi).intoArray(a, o, stride, 0, first);
                    if (rows > L) {
                        FloatVector.fromArray(S, sums, at + i * BLOCK + L).max(lo).min(hi)
                                .intoArray(a, o, stride, L, second);
                    }
                }
            }
            if (++x == rowWidth) {
                x = 0;
                y++;
            }
        }
    }

    /**
     * One block of output channels for the pixel group starting at padded-plane offset {@code at}:
     * the [PIXELS][BLOCK] running sums at {@code sums[sumsAt]} plus the products over input channels
     * [ic0, ic1) and all taps. Written out for C2, which keeps vectors in registers only in
     * straight-line code.
     */
    private void multiply(float[] s, int at, int[] off, int block, int ic0, int ic1, float[] sums, int sumsAt) {
        int depth = geom.inC();
        float[] w = packed;
        int o = sumsAt;
        FloatVector c00 = FloatVector.fromArray(S, sums, o);
        FloatVector c01 = FloatVector.fromArray(S, sums, o + L);
        FloatVector c10 = FloatVector.fromArray(S, sums, o + 1 * BLOCK);
        FloatVector c11 = FloatVector.fromArray(S, sums, o + 1 * BLOCK + L);
        FloatVector c20 = FloatVector.fromArray(S, sums, o + 2 * BLOCK);
        FloatVector c21 = FloatVector.fromArray(S, sums, o + 2 * BLOCK + L);
        FloatVector c30 = FloatVector.fromArray(S, sums, o + 3 * BLOCK);
        FloatVector c31 = FloatVector.fromArray(S, sums, o + 3 * BLOCK + L);
        FloatVector c40 = FloatVector.fromArray(S, sums, o + 4 * BLOCK);
        FloatVector c41 = FloatVector.fromArray(S, sums, o + 4 * BLOCK + L);
        FloatVector c50 = FloatVector.fromArray(S, sums, o + 5 * BLOCK);
        FloatVector c51 = FloatVector.fromArray(S, sums, o + 5 * BLOCK + L);
        FloatVector c60 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 6 * BLOCK) : null;
        FloatVector c61 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 6 * BLOCK + L) : null;
        FloatVector c70 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 7 * BLOCK) : null;
        FloatVector c71 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 7 * BLOCK + L) : null;
        FloatVector c80 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 8 * BLOCK) : null;
        FloatVector c81 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 8 * BLOCK + L) : null;
        FloatVector c90 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 9 * BLOCK) : null;
        FloatVector c91 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 9 * BLOCK + L) : null;
        FloatVector ca0 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 10 * BLOCK) : null;
        FloatVector ca1 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 10 * BLOCK + L) : null;
        FloatVector cb0 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 11 * BLOCK) : null;
        FloatVector cb1 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 11 * BLOCK + L) : null;
        // One loop over the slice's (channel, tap) steps, each step's input offset from a table
        // (its weights are consecutive), not a tap loop inside a channel loop: C2 spilled the
        // accumulators around the inner loop's entry and tail at every channel.
        int k = ic0 * TAPS;
        int kEnd = ic1 * TAPS;
        int wi = block * depth * TAPS * BLOCK + k * BLOCK;
        // Two steps per iteration, written out: C2 does not unroll a loop this large (see
        // VectorGemm.block); conv3x3:128:32:14 on a Zen 3 core, alternating: 46-48 against 34-36 GFLOP/s.
        for (; k + 1 < kEnd; k += 2, wi += 2 * BLOCK) {
            {
                int bi = at + off[k];
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
                if (PIXELS > 6) {
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
            {
                int bi = at + off[k + 1];
                FloatVector w0 = FloatVector.fromArray(S, w, (wi + BLOCK));
                FloatVector w1 = FloatVector.fromArray(S, w, (wi + BLOCK) + L);
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
                if (PIXELS > 6) {
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
        }
        if (k < kEnd) {
            int bi = at + off[k];
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
            if (PIXELS > 6) {
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
        c00.intoArray(sums, sumsAt + 0 * BLOCK);
        c01.intoArray(sums, sumsAt + 0 * BLOCK + L);
        c10.intoArray(sums, sumsAt + 1 * BLOCK);
        c11.intoArray(sums, sumsAt + 1 * BLOCK + L);
        c20.intoArray(sums, sumsAt + 2 * BLOCK);
        c21.intoArray(sums, sumsAt + 2 * BLOCK + L);
        c30.intoArray(sums, sumsAt + 3 * BLOCK);
        c31.intoArray(sums, sumsAt + 3 * BLOCK + L);
        c40.intoArray(sums, sumsAt + 4 * BLOCK);
        c41.intoArray(sums, sumsAt + 4 * BLOCK + L);
        c50.intoArray(sums, sumsAt + 5 * BLOCK);
        c51.intoArray(sums, sumsAt + 5 * BLOCK + L);
        if (PIXELS > 6) {
            c60.intoArray(sums, sumsAt + 6 * BLOCK);
            c61.intoArray(sums, sumsAt + 6 * BLOCK + L);
            c70.intoArray(sums, sumsAt + 7 * BLOCK);
            c71.intoArray(sums, sumsAt + 7 * BLOCK + L);
            c80.intoArray(sums, sumsAt + 8 * BLOCK);
            c81.intoArray(sums, sumsAt + 8 * BLOCK + L);
            c90.intoArray(sums, sumsAt + 9 * BLOCK);
            c91.intoArray(sums, sumsAt + 9 * BLOCK + L);
            ca0.intoArray(sums, sumsAt + 10 * BLOCK);
            ca1.intoArray(sums, sumsAt + 10 * BLOCK + L);
            cb0.intoArray(sums, sumsAt + 11 * BLOCK);
            cb1.intoArray(sums, sumsAt + 11 * BLOCK + L);
        }
    }

    /**
     * As {@link #multiply} for a last block of one vector's channels (weights packed L wide):
     * the [PIXELS][BLOCK] running sums at {@code sums[sumsAt]} plus the products over input channels
     * [ic0, ic1) and all taps. Written out for C2, which keeps vectors in registers only in
     * straight-line code.
     */
    private void multiplyNarrow(float[] s, int at, int[] off, int block, int ic0, int ic1, float[] sums, int sumsAt) {
        int depth = geom.inC();
        float[] w = packed;
        int o = sumsAt;
        FloatVector c00 = FloatVector.fromArray(S, sums, o);
        FloatVector c10 = FloatVector.fromArray(S, sums, o + 1 * BLOCK);
        FloatVector c20 = FloatVector.fromArray(S, sums, o + 2 * BLOCK);
        FloatVector c30 = FloatVector.fromArray(S, sums, o + 3 * BLOCK);
        FloatVector c40 = FloatVector.fromArray(S, sums, o + 4 * BLOCK);
        FloatVector c50 = FloatVector.fromArray(S, sums, o + 5 * BLOCK);
        FloatVector c60 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 6 * BLOCK) : null;
        FloatVector c70 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 7 * BLOCK) : null;
        FloatVector c80 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 8 * BLOCK) : null;
        FloatVector c90 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 9 * BLOCK) : null;
        FloatVector ca0 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 10 * BLOCK) : null;
        FloatVector cb0 = PIXELS > 6 ? FloatVector.fromArray(S, sums, o + 11 * BLOCK) : null;
        int k = ic0 * TAPS;
        int kEnd = ic1 * TAPS;
        int wi = block * depth * TAPS * BLOCK + k * L;
        // Two steps per iteration over the slice's (channel, tap) steps, as in multiply.
        for (; k + 1 < kEnd; k += 2, wi += 2 * L) {
            {
                int bi = at + off[k];
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
                if (PIXELS > 6) {
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
            {
                int bi = at + off[k + 1];
                FloatVector w0 = FloatVector.fromArray(S, w, (wi + L));
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
                if (PIXELS > 6) {
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
        }
        if (k < kEnd) {
            int bi = at + off[k];
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
            if (PIXELS > 6) {
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
        c00.intoArray(sums, sumsAt + 0 * BLOCK);
        c10.intoArray(sums, sumsAt + 1 * BLOCK);
        c20.intoArray(sums, sumsAt + 2 * BLOCK);
        c30.intoArray(sums, sumsAt + 3 * BLOCK);
        c40.intoArray(sums, sumsAt + 4 * BLOCK);
        c50.intoArray(sums, sumsAt + 5 * BLOCK);
        if (PIXELS > 6) {
            c60.intoArray(sums, sumsAt + 6 * BLOCK);
            c70.intoArray(sums, sumsAt + 7 * BLOCK);
            c80.intoArray(sums, sumsAt + 8 * BLOCK);
            c90.intoArray(sums, sumsAt + 9 * BLOCK);
            ca0.intoArray(sums, sumsAt + 10 * BLOCK);
            cb0.intoArray(sums, sumsAt + 11 * BLOCK);
        }
    }
}
