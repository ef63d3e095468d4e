package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.Op;
import java.util.Arrays;

/** Max, average and global average pooling with PyTorch's window and divisor rules. */
public final class PoolKernels {
    /** Output rows per task at least. */
    private static final int MIN_ROWS = 4;
    /** Tasks per thread for global pooling, so uneven progress still balances. */
    private static final int GLOBAL_TASKS_PER_THREAD = 8;
    private static final boolean VECTOR = VectorSupport.AVAILABLE;

    private PoolKernels() {}

    /**
     * Padding counts as -infinity; a NaN in a window wins, as in PyTorch ({@link Math#max} propagates it).
     * Each output row first takes the column-wise max of its window's input rows, then the max over
     * each window's columns of that row (with the Vector API: for every window position at once, the
     * windows inside the row then picked at the stride).
     */
    public static void maxPool(float[] arena, Slice in, Slice out, Op.MaxPool op, Parallel par) {
        checkPool(in, out, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
        int inH = in.shape().h();
        int inW = in.shape().w();
        int outW = out.shape().w();
        if (pairs(op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), in, out)) {
            forRows(in, out, par, (c, src, dst, oy) ->
                    VectorPool.pairs(arena, src + 2 * oy * inW, src + (2 * oy + 1) * inW, arena, dst, outW, true));
            return;
        }
        if (VECTOR && op.kernelH() == 3 && op.kernelW() == 3 && op.strideH() == 2 && op.strideW() == 2
                && op.padH() == 1 && op.padW() == 1) {
            forRowRuns(in, out, par, (c, src, dst, oy0, oy1) -> stemRows(arena, src, dst, oy0, oy1, inH, inW, outW));
            return;
        }
        forRows(in, out, par, (c, src, dst, oy) -> {
            int y0 = oy * op.strideH() - op.padH();
            int y1 = Math.min(y0 + op.kernelH(), inH);
            y0 = Math.max(y0, 0);
            if (y0 >= y1) {
                Arrays.fill(arena, dst, dst + outW, Float.NEGATIVE_INFINITY);
                return;
            }
            int kW = op.kernelW();
            boolean windows = VECTOR && kW <= inW;
            float[] colMax = reduceWindowRows(arena, src, y0, y1, inW, kW, true, windows);
            for (int ox = 0; ox < outW; ox++) {
                int x0 = ox * op.strideW() - op.padW();
                if (windows && x0 >= 0 && x0 + kW <= inW) {
                    arena[dst + ox] = colMax[inW + x0];
                    continue;
                }
                int x1 = Math.min(x0 + kW, inW);
                float m = Float.NEGATIVE_INFINITY;
                for (int x = Math.max(x0, 0); x < x1; x++) m = Math.max(m, colMax[x]);
                arena[dst + ox] = m;
            }
        });
    }

    /**
     * The divisor is the window clipped to the padded input (count_include_pad) or to the input;
     * a window entirely in the padding yields 0. As for max pooling, each output row first sums its
     * window's input rows column by column, then sums each window's columns of that row (with the
     * Vector API: for every window position at once).
     */
    public static void avgPool(float[] arena, Slice in, Slice out, Op.AvgPool op, Parallel par) {
        checkPool(in, out, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
        int inH = in.shape().h();
        int inW = in.shape().w();
        int outW = out.shape().w();
        int kW = op.kernelW();
        boolean windows = VECTOR && kW <= inW;
        if (pairs(op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), in, out)) {
            forRows(in, out, par, (c, src, dst, oy) ->
                    VectorPool.pairs(arena, src + 2 * oy * inW, src + (2 * oy + 1) * inW, arena, dst, outW, false));
            return;
        }
        forRows(in, out, par, (c, src, dst, oy) -> {
            int y0 = oy * op.strideH() - op.padH();
            int y1 = Math.min(y0 + op.kernelH(), inH + op.padH());
            int padRows = y1 - y0;
            y0 = Math.max(y0, 0);
            y1 = Math.min(y1, inH);
            if (y0 >= y1) {
                Arrays.fill(arena, dst, dst + outW, 0f);
                return;
            }
            float[] colSum = reduceWindowRows(arena, src, y0, y1, inW, kW, false, windows);
            for (int ox = 0; ox < outW; ox++) {
                int x0 = ox * op.strideW() - op.padW();
                int x1 = Math.min(x0 + kW, inW + op.padW());
                int padCols = x1 - x0;
                int divisor;
                float sum;
                if (windows && x0 >= 0 && x0 + kW <= inW) {
                    sum = colSum[inW + x0];
                    divisor = op.countIncludePad() ? padRows * padCols : (y1 - y0) * kW;
                } else {
                    x0 = Math.max(x0, 0);
                    x1 = Math.min(x1, inW);
                    if (x0 >= x1) {
                        arena[dst + ox] = 0f;
                        continue;
                    }
                    sum = 0f;
                    for (int x = x0; x < x1; x++) sum += colSum[x];
                    divisor = op.countIncludePad() ? padRows * padCols : (y1 - y0) * (x1 - x0);
                }
                arena[dst + ox] = sum / divisor;
            }
        });
    }

    /**
     * A 2x2 stride-2 average pool ({@link #averagesPairs}) of {@code affine} applied to the input: a
     * pre-activation BatchNorm-ReLU and the pool after it (DenseNet's transitions) in one pass,
     * without writing the normalised tensor. Each output row normalises its two input rows into
     * scratch, with the stand-alone BatchNorm's roundings, and pools them from there.
     */
    static void avgPoolOfAffine(float[] arena, Slice in, Slice out, Op.AvgPool op, InputAffine affine, Parallel par) {
        checkPool(in, out, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
        if (!averagesPairs(op, in, out)) throw new IllegalArgumentException("not a 2x2 stride-2 pool inside the input: " + op);
        int inW = in.shape().w();
        int outW = out.shape().w();
        forRowRuns(in, out, par, (c, src, dst, oy0, oy1) -> {
            // One pass over the run's input rows: narrow planes' rows are shorter than a few vectors.
            float[] rows = Scratch.floats(2 * (oy1 - oy0) * inW);
            affine.apply(arena, src + 2 * oy0 * inW, rows, 0, 2 * (oy1 - oy0) * inW, c);
            for (int oy = oy0; oy < oy1; oy++) {
                int r0 = 2 * (oy - oy0) * inW;
                VectorPool.pairs(rows, r0, r0 + inW, arena, dst + oy * outW, outW, false);
            }
        });
    }

    /** Whether {@code op} is a pool {@link #avgPoolOfAffine} computes: 2x2 at stride 2, unpadded, inside the input. */
    static boolean averagesPairs(Op.AvgPool op, Slice in, Slice out) {
        return pairs(op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), in, out);
    }

    /**
     * Output rows [oy0, oy1) of a 3x3 / 2 max pool with padding 1 (the stem of HarDNet and
     * DenseNet) of the plane at src into the plane at dst: per row, the column maxima of its (up
     * to) three input rows (a row in the padding replaced by a repeat of one inside), between
     * -infinity padding, then every window of three at stride 2 a vector at a time
     * ({@link VectorPool#stride2Windows3}). Scratch and padding once per run, not per row: the
     * stem's pool of 64 channels of 112x112 ran 1.5x as fast (one thread, isolated) as with them
     * per row and a copy of the first input row.
     */
    private static void stemRows(float[] arena, int src, int dst, int oy0, int oy1, int inH, int inW, int outW) {
        int length = 2 * outW + 2 * VectorGemm.L + 2; // what stride2Windows3 reads
        float[] c = Scratch.floats(length);
        c[0] = Float.NEGATIVE_INFINITY;
        Arrays.fill(c, inW + 1, length, Float.NEGATIVE_INFINITY);
        for (int oy = oy0; oy < oy1; oy++) {
            int y0 = Math.max(2 * oy - 1, 0);
            int y2 = Math.min(2 * oy + 1, inH - 1);
            int y1 = Math.min(y0 + 1, y2);
            VectorPool.columnMax3(arena, src + y0 * inW, src + y1 * inW, src + y2 * inW, c, 1, inW);
            VectorPool.stride2Windows3(c, arena, dst + oy * outW, outW);
        }
    }

    /**
     * Whether a pool is 2x2 at stride 2 with no padding and every window inside the input (HarDNet's
     * and DenseNet's transitions), which {@link VectorPool#pairs} computes a row at a time; such a
     * window's divisor is 4 whatever count_include_pad says.
     */
    private static boolean pairs(int kH, int kW, int sH, int sW, int pH, int pW, Slice in, Slice out) {
        return VECTOR && kH == 2 && kW == 2 && sH == 2 && sW == 2 && pH == 0 && pW == 0
                && 2 * out.shape().h() <= in.shape().h() && 2 * out.shape().w() <= in.shape().w();
    }

    /**
     * The input rows [y0, y1) of one output row reduced column by column (max, else sum) into
     * this thread's scratch [0, inW); with {@code windows}, each kW-wide window of that into
     * [inW + x] for every window start x.
     */
    private static float[] reduceWindowRows(float[] arena, int src, int y0, int y1, int inW, int kW, boolean max,
                                            boolean windows) {
        float[] buf = Scratch.floats(2 * inW);
        System.arraycopy(arena, src + y0 * inW, buf, 0, inW);
        for (int y = y0 + 1; y < y1; y++) {
            int row = src + y * inW;
            if (VECTOR) {
                VectorPool.columns(arena, row, buf, inW, max);
            } else {
                for (int x = 0; x < inW; x++) buf[x] = max ? Math.max(buf[x], arena[row + x]) : buf[x] + arena[row + x];
            }
        }
        if (windows) VectorPool.windows(buf, 0, inW, inW - kW + 1, kW, max);
        return buf;
    }

    /** Mean of each channel plane, into [N, C, 1, 1]; summed in double so large planes stay exact. */
    public static void globalAvgPool(float[] arena, Slice in, Slice out, Parallel par) {
        globalAvgPool(arena, in, out, null, par);
    }

    /**
     * As {@link #globalAvgPool(float[], Slice, Slice, Parallel)} of {@code affine} applied to the
     * input, when not null: DenseNet's last BatchNorm-ReLU and the pool after it in one pass, each
     * plane normalised into scratch with the stand-alone BatchNorm's roundings.
     */
    static void globalAvgPool(float[] arena, Slice in, Slice out, InputAffine affine, Parallel par) {
        var s = in.shape();
        var o = out.shape();
        if (s.rank() != 4 || o.rank() != 4 || o.n() != s.n() || o.c() != s.c() || o.h() != 1 || o.w() != 1) {
            throw new IllegalArgumentException("global pool " + s + " -> " + o);
        }
        int plane = in.plane();
        int channels = s.c();
        // Runs of planes per task: a 7x7 plane is far too little work to be a task of its own.
        int items = s.n() * channels;
        int perTask = Math.max(1, items / (par.threads() * GLOBAL_TASKS_PER_THREAD));
        par.forEach((items + perTask - 1) / perTask, t -> {
            for (int item = t * perTask, end = Math.min(items, item + perTask); item < end; item++) {
                int n = item / channels;
                int c = item % channels;
                float[] values = arena;
                int src = in.at(n, c);
                if (affine != null) {
                    values = Scratch.floats(plane);
                    affine.apply(arena, src, values, 0, plane, c);
                    src = 0;
                }
                arena[out.at(n, c)] = (float) (sum(values, src, plane) / plane);
            }
        });
    }

    /** The sum of a[from], ..., a[from + n - 1] in double, in two running sums: a single one waits on each add in turn. */
    private static double sum(float[] a, int from, int n) {
        double even = 0;
        double odd = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            even += a[from + i];
            odd += a[from + i + 1];
        }
        if (i < n) even += a[from + i];
        return even + odd;
    }

    /** Computes output row oy of channel c's plane starting at src into the row starting at dst. */
    @FunctionalInterface
    private interface RowBody {
        void row(int c, int src, int dst, int oy);
    }

    /** Runs body for every output row of every (n, c) plane, split over the threads. */
    private static void forRows(Slice in, Slice out, Parallel par, RowBody body) {
        int outW = out.shape().w();
        forRowRuns(in, out, par, (c, src, dst, oy0, oy1) -> {
            for (int oy = oy0; oy < oy1; oy++) body.row(c, src, dst + oy * outW, oy);
        });
    }

    /** Computes output rows [oy0, oy1) of channel c's plane starting at src into the plane starting at dst. */
    @FunctionalInterface
    private interface RowRunBody {
        void rows(int c, int src, int dst, int oy0, int oy1);
    }

    /** Runs body for runs of output rows covering every (n, c) plane, split over the threads. */
    private static void forRowRuns(Slice in, Slice out, Parallel par, RowRunBody body) {
        int channels = in.shape().c();
        WorkSplit split = WorkSplit.of(in.shape().n() * channels, out.shape().h(), MIN_ROWS, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            body.rows(item % channels, in.at(item / channels, item % channels), out.at(item / channels, item % channels),
                    split.start(t), split.end(t));
        });
    }

    private static void checkPool(Slice in, Slice out, int kH, int kW, int sH, int sW, int pH, int pW, boolean ceil) {
        var s = in.shape();
        var o = out.shape();
        if (s.rank() != 4 || o.rank() != 4 || o.n() != s.n() || o.c() != s.c()
                || o.h() != GraphBuilder.poolOutputSize(s.h(), kH, sH, pH, ceil)
                || o.w() != GraphBuilder.poolOutputSize(s.w(), kW, sW, pW, ceil)) {
            throw new IllegalArgumentException("pool output " + o + " does not follow from input " + s);
        }
    }
}
