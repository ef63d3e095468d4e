package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 1x1 conv (stride 1, no padding, one group) with a deep input and a few output blocks on a
 * small plane, as in DenseNet's bottlenecks (up to 1024 input channels, 128 outputs, 7x7; 14x14
 * too with 32 vector registers). Vectorised across output channels like
 * {@link SmallPlanePointwiseConv2dKernel}, but:
 * <ul>
 * <li>the input is read in place, with no packing pass and no barrier after one: a group of
 *     {@link #PIXELS} pixels reads a row piece per input channel, and the last group is moved back
 *     to end with the plane, so nothing outside it is read (after a pre-activation BatchNorm, each
 *     task normalises a depth slice of its pixels into scratch first, {@link #withInputAffine});</li>
 * <li>blocks of {@link #BLOCK} channels (2 vectors by {@link #PIXELS} pixels, 24 accumulators; 12
 *     where there are 16 vector registers),
 *     so 128 outputs are four whole blocks; a task takes a run of blocks and a run of pixel groups
 *     ({@link BlockGroupSplit}: blocks are split first, groups only to keep the threads busy);</li>
 * <li>depth is cut into slices of at most {@link #MAX_SLICE} input channels, each run over all of
 *     a task's blocks and groups with running sums, so a block's slice of weights (16 KiB) is read
 *     from L1 for every group, and weights fetched cold from memory are used at once for all of
 *     them.</li>
 * </ul>
 * Measured on DenseNet-121 (2 threads, in the model) 20-35 % faster than the packed kernel on
 * these layers, but slower on wide outputs and shallow inputs, which keep the other kernels. Bias
 * starts the sums; the activation is applied as they go into their channel planes. Only used when
 * {@link VectorSupport#AVAILABLE}.
 */
final class SlicedPointwiseConv2dKernel extends Conv2dKernel {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Output channels per micro-kernel block: two vectors. */
    static final int BLOCK = 2 * L;
    /** Pixels per micro-kernel call; the code past the sixth is left out when 6. */
    static final int PIXELS = VectorGemm.REGISTERS >= 32 ? 12 : 6;
    /** Input channels per depth slice, at most. */
    static final int MAX_SLICE = 128;
    /**
     * Planes up to this many pixels take this kernel: 7x7 with 16 vector registers (AVX2), 14x14
     * with 32. It took 14x14 on AVX2 too while it ran conv1x1:1024:128:14 15-30 % faster than the
     * packed GEMM (one core, alternating pairs); since the GEMM's B panel went into strips and its
     * depth chunks to 1024, the GEMM runs 14x14 as fast or faster there (2 threads on a Zen 3:
     * 1024:128 0.97x, 512:128 1.04x, 650:262 1.18x its rate) and took HarDNet-39DS's 14x14 1x1
     * steps 9 % faster, DenseNet-121's level (their steps against the 3x3 steps, alternating
     * profiles). On 7x7 this kernel still runs DenseNet's 768:128 1.4x as fast as the GEMM. With 32
     * registers (not measurable here) it keeps 14x14.
     */
    static final int MAX_PLANE = VectorGemm.REGISTERS >= 32 ? 14 * 14 : 7 * 7;
    /** Shallower inputs: the sums' start and stores cost too much against the products (102 deep ran at half the GEMM's rate). */
    static final int MIN_DEPTH = 256;
    /**
     * Output channels taken, fewest and most: up to 512 whatever the vector width (DenseNet-121's
     * last transition, 1024 to 512 on 7x7, ran in 0.32-0.35 ms instead of 1.2-1.3 on the packed
     * kernel); wider outputs (640, 1024) ran 8-16 % slower than on the packed kernel.
     */
    static final int MIN_OUT = 2 * BLOCK;
    static final int MAX_OUT = 512;
    /**
     * Tasks per thread aimed for. One, so DenseNet's 128 outputs (four blocks) make one task of two
     * whole blocks per thread: each block's weights, cold from memory on 7x7 and 14x14 maps, are
     * fetched by one task, and each task normalises its input once for two blocks. In paired
     * profiles on a 2-core AMD EPYC (against another kernel's time in the same run), 4 tasks per
     * thread ran these convs 15-20 % (7x7) and 6-9 % (14x14) slower than 2, and 2 about 10 % slower
     * than 1.
     */
    private static final int TASKS_PER_THREAD = 1;
    /** Per-thread running sums of a task's blocks and groups, [block][group][PIXELS][BLOCK]. */
    private static final Scratch.Buffer SUMS = new Scratch.Buffer();
    /** Per-thread input of one depth slice with {@link #inputAffine} applied, [channel][task's pixels]. */
    private static final Scratch.Buffer NORMALISED = new Scratch.Buffer();

    private final ChannelBlocks channels;
    private final PixelRowsStore stores = new PixelRowsStore(PIXELS, BLOCK);
    /** Applied to the input as each task reads a depth slice of it, or null. */
    private final InputAffine inputAffine;

    SlicedPointwiseConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        if (!handles(g)) throw new IllegalArgumentException("not a deep one-group 1x1 conv on a small plane: " + g);
        this.channels = new ChannelBlocks(weight, bias, g.outC(), g.inC(), BLOCK);
        this.inputAffine = null;
    }

    private SlicedPointwiseConv2dKernel(SlicedPointwiseConv2dKernel k, InputAffine inputAffine) {
        super(k.geom, k.bias, k.activation);
        this.channels = k.channels;
        this.inputAffine = inputAffine;
    }

    /**
     * A pre-activation BatchNorm (DenseNet's bottlenecks) applied per task and depth slice into a
     * scratch copy of the task's pixels, read from L1/L2 by the slice's blocks, instead of a pass
     * of its own over the whole tensor. Tasks taking different blocks of the same pixels each
     * normalise them: cheap next to the products (each value normalised feeds 32 multiply-adds per
     * block of the task).
     */
    @Override
    Conv2dKernel withInputAffine(InputAffine affine) {
        if (inputAffine != null) return null;
        requireInputChannels(affine);
        return new SlicedPointwiseConv2dKernel(this, affine);
    }

    @Override
    String describe() {
        return inputAffine == null ? super.describe() : super.describe() + "+inputbn";
    }

    /**
     * Whether this kernel takes the conv: pointwise, one group, a plane of {@link #PIXELS} to
     * {@link #MAX_PLANE} pixels, at least {@link #MIN_DEPTH} input channels and
     * {@link #MIN_OUT} to {@link #MAX_OUT} outputs, where rounding the channels up to whole blocks
     * and the plane to whole groups wastes less than rounding the plane up to whole pixel strips, as
     * {@link VectorGemmConv2dKernel} does.
     */
    static boolean handles(ConvGeometry g) {
        if (!g.isPointwise() || g.groups() != 1 || g.outPlane() > MAX_PLANE || g.outPlane() < PIXELS
                || g.inC() < MIN_DEPTH || g.outC() < MIN_OUT || g.outC() > MAX_OUT) {
            return false;
        }
        return ChannelBlocks.wastesLessThanTheGemm(g.outC(), BLOCK, g.outPlane(), PIXELS);
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        int plane = geom.outPlane();
        int groups = (plane + PIXELS - 1) / PIXELS;
        int batch = in.shape().n();
        int depth = geom.inC();
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        BlockGroupSplit split = BlockGroupSplit.of(batch, channels.count, groups, target);
        int slices = (depth + MAX_SLICE - 1) / MAX_SLICE;
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        par.forEach(split.tasks(batch), t -> {
            int n = split.item(t);
            int b0 = split.blockStart(t);
            int b1 = split.blockEnd(t);
            int g0 = split.groupStart(t);
            int g1 = split.groupEnd(t);
            int tile = PIXELS * BLOCK;
            int perBlock = (g1 - g0) * tile;
            float[] sums = SUMS.floats((b1 - b0) * perBlock);
            for (int block = b0; block < b1; block++) startWithBias(sums, (block - b0) * perBlock, g1 - g0, block);
            int input = in.at(n, 0);
            int p0 = groupStart(g0);
            int span = groupStart(g1 - 1) + PIXELS - p0;
            for (int s = 0; s < slices; s++) {
                int k0 = (int) ((long) s * depth / slices);
                int k1 = (int) ((long) (s + 1) * depth / slices);
                // Pixel p of slice channel k at src[base + k * stride + p]: the input in place, or normalised.
                float[] src = arena;
                int base = input + k0 * plane;
                int stride = plane;
                if (inputAffine != null) {
                    src = NORMALISED.floats((k1 - k0) * span);
                    for (int k = k0; k < k1; k++) {
                        inputAffine.apply(arena, input + k * plane + p0, src, (k - k0) * span, span, k);
                    }
                    base = -p0;
                    stride = span;
                }
                for (int block = b0; block < b1; block++) {
                    int weights = (block * depth + k0) * BLOCK;
                    for (int grp = g0; grp < g1; grp++) {
                        accumulate(src, base + groupStart(grp), stride, weights, k1 - k0,
                                sums, (block - b0) * perBlock + (grp - g0) * tile);
                    }
                }
            }
            for (int block = b0; block < b1; block++) {
                int rows = Math.min(BLOCK, geom.outC() - block * BLOCK);
                int outBase = out.at(n, block * BLOCK);
                for (int grp = g0; grp < g1; grp++) {
                    stores.store(sums, (block - b0) * perBlock + (grp - g0) * tile, PIXELS, rows, arena, outBase + groupStart(grp),
                            plane, lo, hi);
                }
            }
        });
    }

    /**
     * The first pixel of a group: the last group is moved back to end with the plane, so every
     * group reads whole rows inside it and the overlap is computed twice and stored twice.
     */
    private int groupStart(int grp) {
        return Math.min(grp * PIXELS, geom.outPlane() - PIXELS);
    }

    /** Each pixel of {@code groups} groups' sums from {@code at} set to the block's biases. */
    private void startWithBias(float[] sums, int at, int groups, int block) {
        for (int px = 0; px < groups * PIXELS; px++) {
            System.arraycopy(channels.biases, block * BLOCK, sums, at + px * BLOCK, BLOCK);
        }
    }

    /**
     * Adds to the [PIXELS][BLOCK] sums at {@code sums[at]} the products of {@code depth} input
     * channels of one pixel group, read in place from {@code s[bt]} with planes {@code plane} apart,
     * and a block's weights from {@code channels.weights[wt]}.
     */
    private void accumulate(float[] s, int bt, int plane, int wt, int depth, float[] sums, int at) {
        FloatVector c00 = FloatVector.fromArray(S, sums, at + 0 * BLOCK + 0 * L);
        FloatVector c01 = FloatVector.fromArray(S, sums, at + 0 * BLOCK + 1 * L);
        FloatVector c10 = FloatVector.fromArray(S, sums, at + 1 * BLOCK + 0 * L);
        FloatVector c11 = FloatVector.fromArray(S, sums, at + 1 * BLOCK + 1 * L);
        FloatVector c20 = FloatVector.fromArray(S, sums, at + 2 * BLOCK + 0 * L);
        FloatVector c21 = FloatVector.fromArray(S, sums, at + 2 * BLOCK + 1 * L);
        FloatVector c30 = FloatVector.fromArray(S, sums, at + 3 * BLOCK + 0 * L);
        FloatVector c31 = FloatVector.fromArray(S, sums, at + 3 * BLOCK + 1 * L);
        FloatVector c40 = FloatVector.fromArray(S, sums, at + 4 * BLOCK + 0 * L);
        FloatVector c41 = FloatVector.fromArray(S, sums, at + 4 * BLOCK + 1 * L);
        FloatVector c50 = FloatVector.fromArray(S, sums, at + 5 * BLOCK + 0 * L);
        FloatVector c51 = FloatVector.fromArray(S, sums, at + 5 * BLOCK + 1 * L);
        FloatVector c60 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 6 * BLOCK + 0 * L) : null;
        FloatVector c61 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 6 * BLOCK + 1 * L) : null;
        FloatVector c70 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 7 * BLOCK + 0 * L) : null;
        FloatVector c71 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 7 * BLOCK + 1 * L) : null;
        FloatVector c80 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 8 * BLOCK + 0 * L) : null;
        FloatVector c81 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 8 * BLOCK + 1 * L) : null;
        FloatVector c90 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 9 * BLOCK + 0 * L) : null;
        FloatVector c91 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 9 * BLOCK + 1 * L) : null;
        FloatVector c100 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 10 * BLOCK + 0 * L) : null;
        FloatVector c101 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 10 * BLOCK + 1 * L) : null;
        FloatVector c110 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 11 * BLOCK + 0 * L) : null;
        FloatVector c111 = PIXELS > 6 ? FloatVector.fromArray(S, sums, at + 11 * BLOCK + 1 * L) : null;
        float[] w = channels.weights;
        // Two depth steps per iteration, written out: C2 does not unroll a loop this large (see
        // VectorGemm.block); KernelCpuRates conv1x1:512:128:7 on a Zen 3 core, alternating: 40-45
        // against 29-31 GFLOP/s. (The small-plane kernel's loop gained nothing from it.)
        // The second step finds its weights through channels.width, a value C2 does not know, rather
        // than the constant BLOCK: with all four weight loads at constant offsets from one index, C2
        // covered them with one range check and loaded the second step's weights ahead of the
        // first step's products, spilling vectors to the stack with 16 registers (AVX2); apart,
        // conv1x1:1024:128:7 and 512:128:7 ran 10-30 % faster on a Zen 3 core (7 of 8 alternating pairs).
        int wStep = channels.width;
        int k = 0;
        for (; k + 1 < depth; k += 2) {
            {
                int wi = wt + k * BLOCK;
                int bi = bt + k * plane;
                FloatVector w0 = FloatVector.fromArray(S, w, wi);
                FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
                FloatVector b;
                b = FloatVector.broadcast(S, s[bi + 0]);
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
                    c100 = w0.fma(b, c100);
                    c101 = w1.fma(b, c101);
                    b = FloatVector.broadcast(S, s[bi + 11]);
                    c110 = w0.fma(b, c110);
                    c111 = w1.fma(b, c111);
                }
            }
            {
                int wi = wt + (k + 1) * wStep;
                int bi = bt + (k + 1) * plane;
                FloatVector w0 = FloatVector.fromArray(S, w, wi);
                FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
                FloatVector b;
                b = FloatVector.broadcast(S, s[bi + 0]);
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
                    c100 = w0.fma(b, c100);
                    c101 = w1.fma(b, c101);
                    b = FloatVector.broadcast(S, s[bi + 11]);
                    c110 = w0.fma(b, c110);
                    c111 = w1.fma(b, c111);
                }
            }
        }
        if (k < depth) {
            int wi = wt + k * BLOCK;
            int bi = bt + k * plane;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector b;
            b = FloatVector.broadcast(S, s[bi + 0]);
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
                c100 = w0.fma(b, c100);
                c101 = w1.fma(b, c101);
                b = FloatVector.broadcast(S, s[bi + 11]);
                c110 = w0.fma(b, c110);
                c111 = w1.fma(b, c111);
            }
        }
        c00.intoArray(sums, at + 0 * BLOCK + 0 * L);
        c01.intoArray(sums, at + 0 * BLOCK + 1 * L);
        c10.intoArray(sums, at + 1 * BLOCK + 0 * L);
        c11.intoArray(sums, at + 1 * BLOCK + 1 * L);
        c20.intoArray(sums, at + 2 * BLOCK + 0 * L);
        c21.intoArray(sums, at + 2 * BLOCK + 1 * L);
        c30.intoArray(sums, at + 3 * BLOCK + 0 * L);
        c31.intoArray(sums, at + 3 * BLOCK + 1 * L);
        c40.intoArray(sums, at + 4 * BLOCK + 0 * L);
        c41.intoArray(sums, at + 4 * BLOCK + 1 * L);
        c50.intoArray(sums, at + 5 * BLOCK + 0 * L);
        c51.intoArray(sums, at + 5 * BLOCK + 1 * L);
        if (PIXELS > 6) {
            c60.intoArray(sums, at + 6 * BLOCK + 0 * L);
            c61.intoArray(sums, at + 6 * BLOCK + 1 * L);
            c70.intoArray(sums, at + 7 * BLOCK + 0 * L);
            c71.intoArray(sums, at + 7 * BLOCK + 1 * L);
            c80.intoArray(sums, at + 8 * BLOCK + 0 * L);
            c81.intoArray(sums, at + 8 * BLOCK + 1 * L);
            c90.intoArray(sums, at + 9 * BLOCK + 0 * L);
            c91.intoArray(sums, at + 9 * BLOCK + 1 * L);
            c100.intoArray(sums, at + 10 * BLOCK + 0 * L);
            c101.intoArray(sums, at + 10 * BLOCK + 1 * L);
            c110.intoArray(sums, at + 11 * BLOCK + 0 * L);
            c111.intoArray(sums, at + 11 * BLOCK + 1 * L);
        }
    }
}
