package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import java.util.Arrays;

/**
 * Direct convolution for convs where each output channel reads one input channel (depthwise,
 * with or without a channel multiplier): a GEMM would have depth kH*kW only. Each output row is
 * built from one axpy per kernel tap over the columns where the tap lands inside the input; with
 * the Vector API, stride-1 rows keep each vector of columns in a register over all taps instead,
 * edge columns summed one by one. Depthwise 3x3 convs with padding 1 and stride 1 or 2 (nearly
 * all of them in practice) take {@link VectorDepthwise3x3} instead, a plane at a time.
 */
final class ChannelwiseConv2dKernel extends Conv2dKernel {
    /** Rows per task at least, so tiny tasks do not drown in scheduling. */
    private static final int MIN_ROWS = 4;
    /** Tasks per thread when whole planes are the unit, so uneven progress still balances. */
    private static final int TASKS_PER_THREAD = 8;

    private final float[] weight; // [outC, kH, kW]
    private final int[] firstCol;  // per kx: first output column whose tap is inside the input
    private final int[] endCol;    // per kx: one past the last such column
    private final boolean vector;  // stride-1 rows on the Vector API
    private final int interiorStart; // first output column whose taps all lie inside the input
    private final int interiorEnd;
    private final VectorDepthwise3x3 threeByThree; // null unless vector and it handles this conv

    ChannelwiseConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation, boolean vector) {
        super(g, bias, activation);
        this.weight = weight;
        this.firstCol = new int[g.kW()];
        this.endCol = new int[g.kW()];
        for (int kx = 0; kx < g.kW(); kx++) {
            int shift = kx * g.dilW() - g.padW(); // input column = ox * strideW + shift
            firstCol[kx] = Math.min(g.outW(), ceilDiv(Math.max(0, -shift), g.strideW()));
            endCol[kx] = Math.max(firstCol[kx],
                    Math.min(g.outW(), Math.floorDiv(g.inW() - 1 - shift, g.strideW()) + 1));
        }
        int start = 0;
        int end = g.outW();
        for (int kx = 0; kx < g.kW(); kx++) {
            start = Math.max(start, firstCol[kx]);
            end = Math.min(end, endCol[kx]);
        }
        this.interiorStart = start;
        this.interiorEnd = Math.max(start, end);
        this.vector = vector && g.strideW() == 1;
        this.threeByThree = vector && VectorDepthwise3x3.handles(g) ? new VectorDepthwise3x3(g) : null;
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        if (threeByThree != null) {
            planes(arena, in, out, par);
            return;
        }
        WorkSplit split = WorkSplit.of(in.shape().n() * geom.outC(), geom.outH(), MIN_ROWS, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            int n = item / geom.outC();
            int oc = item % geom.outC();
            rows(arena, in.at(n, oc / geom.outPerGroup()), out.at(n, oc), oc, split.start(t), split.end(t));
        });
    }

    /** Whole planes on {@link VectorDepthwise3x3}, in runs of consecutive (batch item, channel) planes per task. */
    private void planes(float[] arena, Slice in, Slice out, Parallel par) {
        int items = in.shape().n() * geom.outC();
        int perTask = Math.max(1, items / (par.threads() * TASKS_PER_THREAD));
        int tasks = (items + perTask - 1) / perTask;
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        par.forEach(tasks, t -> {
            float[] scratch = Scratch.floats(threeByThree.scratchFloats());
            threeByThree.clearGuards(scratch);
            for (int item = t * perTask, end = Math.min(items, item + perTask); item < end; item++) {
                int n = item / geom.outC();
                int oc = item % geom.outC();
                threeByThree.plane(arena, in.at(n, oc / geom.outPerGroup()), out.at(n, oc), weight, oc * 9, bias[oc],
                        lo, hi, scratch);
            }
        });
    }

    private void rows(float[] a, int inBase, int outBase, int oc, int oy0, int oy1) {
        if (vector) {
            vectorRows(a, inBase, outBase, oc, oy0, oy1);
            return;
        }
        ConvGeometry g = geom;
        int ow = g.outW();
        int sw = g.strideW();
        float b = bias[oc];
        for (int oy = oy0; oy < oy1; oy++) {
            int o = outBase + oy * ow;
            Arrays.fill(a, o, o + ow, b);
            for (int ky = 0; ky < g.kH(); ky++) {
                int iy = oy * g.strideH() - g.padH() + ky * g.dilH();
                if (iy < 0 || iy >= g.inH()) continue;
                int inRow = inBase + iy * g.inW();
                int wRow = (oc * g.kH() + ky) * g.kW();
                for (int kx = 0; kx < g.kW(); kx++) {
                    float w = weight[wRow + kx];
                    int x0 = firstCol[kx];
                    int x1 = endCol[kx];
                    int src = inRow + kx * g.dilW() - g.padW(); // input index of column ox is src + ox*sw
                    if (sw == 1) {
                        for (int ox = x0; ox < x1; ox++) a[o + ox] += w * a[src + ox];
                    } else {
                        for (int ox = x0; ox < x1; ox++) a[o + ox] += w * a[src + ox * sw];
                    }
                }
            }
            Activations.apply(a, o, ow, activation);
        }
    }

    private void vectorRows(float[] a, int inBase, int outBase, int oc, int oy0, int oy1) {
        ConvGeometry g = geom;
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        int wBase = oc * g.kH() * g.kW();
        for (int oy = oy0; oy < oy1; oy++) {
            int o = outBase + oy * g.outW();
            VectorChannelwise.interior(a, o, inBase, oy, g, weight, wBase, bias[oc], interiorStart, interiorEnd,
                    lo, hi);
            columns(a, o, inBase, oy, oc, 0, interiorStart, lo, hi);
            columns(a, o, inBase, oy, oc, interiorEnd, g.outW(), lo, hi);
        }
    }

    /** Output columns [x0, x1) of row oy, one at a time, skipping taps in the padding; activation as a clamp. */
    private void columns(float[] a, int o, int inBase, int oy, int oc, int x0, int x1, float lo, float hi) {
        ConvGeometry g = geom;
        for (int ox = x0; ox < x1; ox++) {
            float sum = bias[oc];
            for (int ky = 0; ky < g.kH(); ky++) {
                int iy = oy * g.strideH() - g.padH() + ky * g.dilH();
                if (iy < 0 || iy >= g.inH()) continue;
                for (int kx = 0; kx < g.kW(); kx++) {
                    int ix = ox * g.strideW() - g.padW() + kx * g.dilW();
                    if (ix >= 0 && ix < g.inW()) {
                        sum += weight[(oc * g.kH() + ky) * g.kW() + kx] * a[inBase + iy * g.inW() + ix];
                    }
                }
            }
            a[o + ox] = Math.min(Math.max(sum, lo), hi);
        }
    }
}
