package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 1x1 conv (stride 1, no padding, one group) on a small plane, vectorised across output
 * channels instead of pixels: on a 7x7 or 14x14 map a vector of pixels wastes lanes on the
 * plane's tail, while output channels often come in multiples of 16. The input is first packed
 * once, in parallel, in groups of {@link #PIXELS} pixels as [group][input channel][pixel]; tasks
 * then take runs of output-channel blocks over all groups, and the micro-kernel
 * keeps a block of {@link #BLOCK} output channels by {@link #PIXELS} pixels in registers over the
 * whole depth: per input channel, three weight vectors and seven broadcast pixels feed 21 fused
 * multiply-adds (fewer broadcasts per multiply-add than the pixel-vector GEMM's 8x32 block). The
 * block goes through scratch into its channel planes with bias and activation. {@link #PIXELS} = 7
 * divides every plane of a 224x224 HarDNet; other planes repeat their last pixel to fill the final
 * group. Only chosen with 32 vector registers ({@link #handles}); only used when
 * {@link VectorSupport#AVAILABLE}.
 */
final class SmallPlanePointwiseConv2dKernel extends Conv2dKernel {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Output channels per micro-kernel block: three vectors. */
    static final int BLOCK = 3 * L;
    /**
     * Pixels per micro-kernel call: 7, or 4 with 16 vector registers (the code past the fourth is
     * then left out), where 21 accumulators would spill: the kernel is not chosen there, but stays
     * correct when made directly.
     */
    static final int PIXELS = VectorGemm.REGISTERS >= 32 ? 7 : 4;
    /** Planes up to this many pixels take this kernel; larger ones keep the pixel-vector GEMM. */
    static final int MAX_PLANE = 14 * 14;
    /** Fewer channel blocks than this leave packing the input too large a share of the work. */
    private static final int MIN_BLOCKS = 2;
    /** Tasks per thread aimed for, so uneven progress still balances. */
    private static final int TASKS_PER_THREAD = 4;
    /** Per-thread sums of one micro-kernel block, [PIXELS][BLOCK]. */
    private static final ThreadLocal<float[]> RESULTS = ThreadLocal.withInitial(() -> new float[PIXELS * BLOCK]);

    private final ChannelBlocks channels;

    SmallPlanePointwiseConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        if (!fits(g)) throw new IllegalArgumentException("not a one-group 1x1 conv on a small plane: " + g);
        this.channels = new ChannelBlocks(weight, bias, g.outC(), g.inC(), BLOCK);
    }

    /**
     * Whether {@link Conv2dKernel#create} gives this kernel the conv: one it {@link #fits}, with 32
     * vector registers. With 16 (AVX2) its 4-pixel blocks read each weight vector for only 4
     * multiply-adds, and the pixel-vector GEMM ran HarDNet's small-plane 1x1s at 58-73 GFLOP/s per
     * core against 38-40 here (2-core Zen 3, {@code KernelCpuRates conv1x1:518:640:14
     * conv1x1:730:1024:7 conv1x1:650:262:14}); with all its 1x1s on the GEMM, HarDNet-39DS ran in
     * 9.0-9.3 ms against 10.7-10.8 in alternating runs.
     */
    static boolean handles(ConvGeometry g) {
        return VectorGemm.REGISTERS >= 32 && fits(g);
    }

    /**
     * Whether the conv suits this kernel: pointwise, one group, a plane of at most
     * {@link #MAX_PLANE} pixels and enough channels to amortise packing the input, where rounding the
     * channels up to whole blocks wastes less than rounding the plane up to whole pixel strips, as
     * {@link VectorGemmConv2dKernel} does.
     */
    static boolean fits(ConvGeometry g) {
        if (!g.isPointwise() || g.groups() != 1 || g.outPlane() > MAX_PLANE || g.outC() < MIN_BLOCKS * BLOCK) {
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
        int perItem = groups * depth * PIXELS;
        // The packed input is shared by all tasks: in the calling thread's scratch, which it does not
        // touch otherwise while this runs; the tasks keep their sums in their own RESULTS.
        float[] packedInput = Scratch.floats(batch * perItem);
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        int packRuns = Math.min(groups, Math.max(1, (target + batch - 1) / batch));
        par.forEach(batch * packRuns, t -> {
            int run = t % packRuns;
            int n = t / packRuns;
            int g0 = (int) ((long) run * groups / packRuns);
            int g1 = (int) ((long) (run + 1) * groups / packRuns);
            pack(arena, in.at(n, 0), g0, g1, packedInput, n * perItem + g0 * depth * PIXELS);
        });
        BlockGroupSplit split = BlockGroupSplit.of(batch, channels.count, groups, target);
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        par.forEach(split.tasks(batch), t -> {
            int n = split.item(t);
            int b0 = split.blockStart(t);
            int b1 = split.blockEnd(t);
            int g0 = split.groupStart(t);
            int g1 = split.groupEnd(t);
            float[] results = RESULTS.get();
            for (int block = b0; block < b1; block++) {
                int rows = Math.min(BLOCK, geom.outC() - block * BLOCK);
                int outBase = out.at(n, block * BLOCK);
                for (int grp = g0; grp < g1; grp++) {
                    multiply(packedInput, n * perItem + grp * depth * PIXELS, block, lo, hi, results);
                    store(results, arena, outBase, grp * PIXELS, rows);
                }
            }
        });
    }

    /**
     * Pixel groups [g0, g1) of the input planes at {@code inBase} as [group][k][PIXELS] into
     * {@code s} from {@code d}, the last pixel repeated past the plane.
     */
    private void pack(float[] a, int inBase, int g0, int g1, float[] s, int d) {
        int plane = geom.outPlane();
        int depth = geom.inC();
        VectorMask<Float> group = S.indexInRange(0, PIXELS);
        for (int grp = g0; grp < g1; grp++) {
            int p0 = grp * PIXELS;
            int count = Math.min(PIXELS, plane - p0);
            for (int k = 0; k < depth; k++, d += PIXELS) {
                int src = inBase + k * plane + p0;
                if (count < PIXELS) {
                    for (int i = 0; i < PIXELS; i++) s[d + i] = a[src + Math.min(i, count - 1)];
                } else if (PIXELS <= L) {
                    FloatVector.fromArray(S, a, src, group).intoArray(s, d, group);
                } else { // a group wider than a vector (128-bit vectors)
                    System.arraycopy(a, src, s, d, PIXELS);
                }
            }
        }
    }

    /** Output pixels p0.. of channels [0, rows) of a block from its [PIXELS][BLOCK] results. */
    private void store(float[] results, float[] a, int outBase, int p0, int rows) {
        int plane = geom.outPlane();
        int count = Math.min(PIXELS, plane - p0);
        for (int row = 0; row < rows; row++) {
            int o = outBase + row * plane + p0;
            for (int i = 0; i < count; i++) a[o + i] = results[i * BLOCK + row];
        }
    }

    /**
     * One block of output channels for one packed pixel group at {@code s[bt]}: bias plus the
     * products over the whole depth, clamped, into {@code results} as [PIXELS][BLOCK].
     */
    private void multiply(float[] s, int bt, int block, float lo, float hi, float[] results) {
        int depth = geom.inC();
        FloatVector bias0 = FloatVector.fromArray(S, channels.biases, block * BLOCK);
        FloatVector bias1 = FloatVector.fromArray(S, channels.biases, block * BLOCK + L);
        FloatVector bias2 = FloatVector.fromArray(S, channels.biases, block * BLOCK + 2 * L);
        FloatVector c00 = bias0, c01 = bias1, c02 = bias2;
        FloatVector c10 = bias0, c11 = bias1, c12 = bias2;
        FloatVector c20 = bias0, c21 = bias1, c22 = bias2;
        FloatVector c30 = bias0, c31 = bias1, c32 = bias2;
        FloatVector c40 = bias0, c41 = bias1, c42 = bias2;
        FloatVector c50 = bias0, c51 = bias1, c52 = bias2;
        FloatVector c60 = bias0, c61 = bias1, c62 = bias2;
        float[] w = channels.weights;
        int wBase = block * depth * BLOCK;
        for (int k = 0; k < depth; k++) {
            int wi = wBase + k * BLOCK;
            int bi = bt + k * PIXELS;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector b;
            b = FloatVector.broadcast(S, s[bi + 0]);
            c00 = w0.fma(b, c00);
            c01 = w1.fma(b, c01);
            c02 = w2.fma(b, c02);
            b = FloatVector.broadcast(S, s[bi + 1]);
            c10 = w0.fma(b, c10);
            c11 = w1.fma(b, c11);
            c12 = w2.fma(b, c12);
            b = FloatVector.broadcast(S, s[bi + 2]);
            c20 = w0.fma(b, c20);
            c21 = w1.fma(b, c21);
            c22 = w2.fma(b, c22);
            b = FloatVector.broadcast(S, s[bi + 3]);
            c30 = w0.fma(b, c30);
            c31 = w1.fma(b, c31);
            c32 = w2.fma(b, c32);
            if (PIXELS > 4) {
                b = FloatVector.broadcast(S, s[bi + 4]);
                c40 = w0.fma(b, c40);
                c41 = w1.fma(b, c41);
                c42 = w2.fma(b, c42);
                b = FloatVector.broadcast(S, s[bi + 5]);
                c50 = w0.fma(b, c50);
                c51 = w1.fma(b, c51);
                c52 = w2.fma(b, c52);
                b = FloatVector.broadcast(S, s[bi + 6]);
                c60 = w0.fma(b, c60);
                c61 = w1.fma(b, c61);
                c62 = w2.fma(b, c62);
            }
        }
        c00.max(lo).min(hi).intoArray(results, 0 * BLOCK + 0 * L);
        c01.max(lo).min(hi).intoArray(results, 0 * BLOCK + 1 * L);
        c02.max(lo).min(hi).intoArray(results, 0 * BLOCK + 2 * L);
        c10.max(lo).min(hi).intoArray(results, 1 * BLOCK + 0 * L);
        c11.max(lo).min(hi).intoArray(results, 1 * BLOCK + 1 * L);
        c12.max(lo).min(hi).intoArray(results, 1 * BLOCK + 2 * L);
        c20.max(lo).min(hi).intoArray(results, 2 * BLOCK + 0 * L);
        c21.max(lo).min(hi).intoArray(results, 2 * BLOCK + 1 * L);
        c22.max(lo).min(hi).intoArray(results, 2 * BLOCK + 2 * L);
        c30.max(lo).min(hi).intoArray(results, 3 * BLOCK + 0 * L);
        c31.max(lo).min(hi).intoArray(results, 3 * BLOCK + 1 * L);
        c32.max(lo).min(hi).intoArray(results, 3 * BLOCK + 2 * L);
        if (PIXELS > 4) {
            c40.max(lo).min(hi).intoArray(results, 4 * BLOCK + 0 * L);
            c41.max(lo).min(hi).intoArray(results, 4 * BLOCK + 1 * L);
            c42.max(lo).min(hi).intoArray(results, 4 * BLOCK + 2 * L);
            c50.max(lo).min(hi).intoArray(results, 5 * BLOCK + 0 * L);
            c51.max(lo).min(hi).intoArray(results, 5 * BLOCK + 1 * L);
            c52.max(lo).min(hi).intoArray(results, 5 * BLOCK + 2 * L);
            c60.max(lo).min(hi).intoArray(results, 6 * BLOCK + 0 * L);
            c61.max(lo).min(hi).intoArray(results, 6 * BLOCK + 1 * L);
            c62.max(lo).min(hi).intoArray(results, 6 * BLOCK + 2 * L);
        }
    }
}
