package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static dev.hardnetzoo.core.backend.cpu.KernelTesting.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pooling cases worked out by hand from PyTorch's rules, plus a threaded strided-slice check. */
class PoolKernelsTest {

    private static Shape pooled(Shape in, int kH, int kW, int sH, int sW, int pH, int pW, boolean ceil) {
        return Shape.nchw(in.n(), in.c(), GraphBuilder.poolOutputSize(in.h(), kH, sH, pH, ceil),
                GraphBuilder.poolOutputSize(in.w(), kW, sW, pW, ceil));
    }

    private static float[] max(float[] x, Shape in, Op.MaxPool op) {
        Shape out = pooled(in, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
        return KernelTesting.runDense(x, in, out, (arena, src, dst) -> PoolKernels.maxPool(arena, src, dst, op, SERIAL));
    }

    private static float[] avg(float[] x, Shape in, Op.AvgPool op) {
        Shape out = pooled(in, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
        return KernelTesting.runDense(x, in, out, (arena, src, dst) -> PoolKernels.avgPool(arena, src, dst, op, SERIAL));
    }

    @Test
    void maxPoolCeilModeDropsAWindowStartingInTheRightPadding() {
        // 4x4 of 1..16, k2 s3 p1: ceil gives 3 windows per axis, but the third starts at 5 >= 4 + 1.
        float[] out = max(range(1, 16), Shape.nchw(1, 1, 4, 4), new Op.MaxPool(2, 2, 3, 3, 1, 1, true));
        // Windows cover rows/cols {0} and {2, 3}.
        assertThat(out).containsExactly(1, 4, 13, 16);
    }

    @Test
    void maxPoolCeilModeKeepsAPartialWindowInsideTheInput() {
        // 5x5 of 1..25, k2 s2: the third window per axis starts at 4 and holds one row/column.
        float[] out = max(range(1, 25), Shape.nchw(1, 1, 5, 5), new Op.MaxPool(2, 2, 2, 2, 0, 0, true));
        assertThat(out).containsExactly(7, 9, 10, 17, 19, 20, 22, 24, 25);
        assertThat(max(range(1, 25), Shape.nchw(1, 1, 5, 5), new Op.MaxPool(2, 2, 2, 2, 0, 0, false)))
                .containsExactly(7, 9, 17, 19);
    }

    @Test
    void maxPoolPaddingIsMinusInfinity() {
        float[] x = new float[9];
        for (int i = 0; i < 9; i++) x[i] = -(i + 1); // all negative: a zero pad would win
        float[] out = max(x, Shape.nchw(1, 1, 3, 3), new Op.MaxPool(3, 3, 1, 1, 1, 1, false));
        assertThat(out).containsExactly(-1, -1, -2, -1, -1, -2, -4, -4, -5);
    }

    @Test
    void avgPoolWithPaddingCountsPadOrNot() {
        // 3x3 of 1..9, k2 s2 p1: windows {0} x {0}, {0} x {1,2}, {1,2} x {0}, {1,2} x {1,2}.
        Shape in = Shape.nchw(1, 1, 3, 3);
        assertThat(avg(range(1, 9), in, new Op.AvgPool(2, 2, 2, 2, 1, 1, false, true)))
                .containsExactly(1 / 4f, 5 / 4f, 11 / 4f, 28 / 4f);
        assertThat(avg(range(1, 9), in, new Op.AvgPool(2, 2, 2, 2, 1, 1, false, false)))
                .containsExactly(1f, 5 / 2f, 11 / 2f, 28 / 4f);
    }

    @Test
    void avgPoolCeilModeDividesByTheClippedWindow() {
        // 3x3 of 1..9, k2 s2 ceil: last windows hang over the input edge and count only what is inside.
        float[] out = avg(range(1, 9), Shape.nchw(1, 1, 3, 3), new Op.AvgPool(2, 2, 2, 2, 0, 0, true, true));
        assertThat(out).containsExactly(12 / 4f, 9 / 2f, 15 / 2f, 9f);
    }

    @Test
    void avgPoolIncludePadDivisorStopsAtTheRightPadding() {
        // Row 1,2,3,4; kW3 sW2 pW1 ceil: windows [-1,2), [1,4), [3,6) clipped to [3,5) for the divisor.
        Shape in = Shape.nchw(1, 1, 1, 4);
        assertThat(avg(range(1, 4), in, new Op.AvgPool(1, 3, 1, 2, 0, 1, true, true)))
                .containsExactly(3 / 3f, 9 / 3f, 4 / 2f);
        assertThat(avg(range(1, 4), in, new Op.AvgPool(1, 3, 1, 2, 0, 1, true, false)))
                .containsExactly(3 / 2f, 9 / 3f, 4f);
    }

    @Test
    void globalAvgPoolAveragesEachPlane() {
        float[] x = {1, 2, 3, 4, 10, 20, 30, 40, -1, -1, -1, 3, 0, 0, 0, 0};
        float[] arena = KernelTesting.arenaWith(x, 4);
        PoolKernels.globalAvgPool(arena, Slice.dense(0, Shape.nchw(2, 2, 2, 2)),
                Slice.dense(16, Shape.nchw(2, 2, 1, 1)), SERIAL);
        assertThat(Arrays.copyOfRange(arena, 16, 20)).containsExactly(2.5f, 25f, 0f, 0f);
    }

    @Test
    void globalAvgPoolOnManyOddPlanesOfAChannelSliceAcrossThreads() {
        // 2 items x 70 channels of 7x7 (odd plane), read as channels 1..70 of a 72-channel buffer.
        Shape in = Shape.nchw(2, 70, 7, 7);
        Shape out = Shape.nchw(2, 70, 1, 1);
        float[] arena = KernelTesting.random(new Random(9), 2 * 72 * 49 + 140);
        Slice src = KernelTesting.channelSlice(0, in, 72, 1);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            PoolKernels.globalAvgPool(arena, src, Slice.dense(2 * 72 * 49, out), par);
        }
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 70; c++) {
                double sum = 0;
                for (int i = 0; i < 49; i++) sum += arena[src.at(n, c) + i];
                assertThat(arena[2 * 72 * 49 + n * 70 + c]).as("item %d channel %d", n, c)
                        .isCloseTo((float) (sum / 49), within(1e-6f));
            }
        }
    }

    @Test
    void maxPoolMatchesTheDefinitionOnOddSizesAndANaNWins() {
        // 13x11 odd sizes; 5x112 and 6x71 rows wider than a vector of outputs for the stem's 3x3 / 2.
        for (int[] hw : new int[][] {{13, 11}, {5, 112}, {6, 71}}) {
            maxPoolMatchesTheDefinition(Shape.nchw(2, 3, hw[0], hw[1]));
        }
    }

    private static void maxPoolMatchesTheDefinition(Shape in) {
        Random rnd = new Random(3);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        x[2 * in.w() + 6] = Float.NaN; // channel 0, row 2, column 6
        for (Op.MaxPool op : new Op.MaxPool[] {new Op.MaxPool(3, 3, 2, 2, 1, 1, false), new Op.MaxPool(3, 3, 2, 2, 1, 1, true),
                new Op.MaxPool(2, 2, 2, 2, 0, 0, true), new Op.MaxPool(3, 2, 1, 2, 1, 0, false)}) {
            Shape out = pooled(in, op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(), op.ceilMode());
            float[] actual = max(x, in, op);
            for (int p = 0; p < out.n() * out.c(); p++)
                for (int oy = 0; oy < out.h(); oy++)
                    for (int ox = 0; ox < out.w(); ox++) {
                        float m = Float.NEGATIVE_INFINITY;
                        boolean nan = false;
                        for (int y = oy * op.strideH() - op.padH(); y < oy * op.strideH() - op.padH() + op.kernelH(); y++)
                            for (int xx = ox * op.strideW() - op.padW(); xx < ox * op.strideW() - op.padW() + op.kernelW(); xx++) {
                                if (y < 0 || y >= in.h() || xx < 0 || xx >= in.w()) continue;
                                float v = x[(p * in.h() + y) * in.w() + xx];
                                nan |= Float.isNaN(v);
                                m = Math.max(m, v);
                            }
                        float got = actual[(p * out.h() + oy) * out.w() + ox];
                        if (nan) assertThat(got).as("%s %s at %d,%d,%d", in, op, p, oy, ox).isNaN();
                        else assertThat(got).as("%s %s at %d,%d,%d", in, op, p, oy, ox).isEqualTo(m);
                    }
        }
    }

    @Test
    void twoByTwoStrideTwoPoolsMatchTheDefinition() {
        // The transitions' 2x2 / 2 pools take a vector path: rows wider than two vectors, tails,
        // an odd size in floor mode, ceil mode on even sizes, a NaN.
        Random rnd = new Random(5);
        for (int[] hw : new int[][] {{4, 70}, {14, 14}, {7, 15}, {2, 2}}) {
            Shape in = Shape.nchw(2, 3, hw[0], hw[1]);
            float[] x = KernelTesting.random(rnd, (int) in.size());
            x[in.w() + 1] = Float.NaN; // channel 0, row 1, column 1
            for (boolean ceil : new boolean[] {false, true}) {
                if (ceil && (hw[0] % 2 != 0 || hw[1] % 2 != 0)) continue;
                float[] maxed = max(x, in, new Op.MaxPool(2, 2, 2, 2, 0, 0, ceil));
                float[] averaged = avg(x, in, new Op.AvgPool(2, 2, 2, 2, 0, 0, ceil, ceil));
                int oh = hw[0] / 2, ow = hw[1] / 2;
                for (int p = 0; p < 6; p++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox++) {
                            int at = (p * in.h() + 2 * oy) * in.w() + 2 * ox;
                            float a = x[at], b = x[at + 1], c = x[at + in.w()], d = x[at + in.w() + 1];
                            int o = (p * oh + oy) * ow + ox;
                            String where = hw[0] + "x" + hw[1] + " ceil " + ceil + " at " + p + "," + oy + "," + ox;
                            // Compared as bits: NaN equals NaN.
                            assertThat(Float.floatToIntBits(maxed[o])).as(where)
                                    .isEqualTo(Float.floatToIntBits(Math.max(Math.max(a, b), Math.max(c, d))));
                            assertThat(Float.floatToIntBits(averaged[o])).as(where)
                                    .isEqualTo(Float.floatToIntBits(((a + c) + (b + d)) / 4));
                        }
            }
        }
    }

    @Test
    void threadedStridedSlicesMatchSerialDense() {
        Random rnd = new Random(7);
        Shape in = Shape.nchw(2, 3, 11, 9);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        Op.MaxPool mp = new Op.MaxPool(3, 3, 2, 2, 1, 1, true);
        Op.AvgPool ap = new Op.AvgPool(3, 3, 2, 2, 1, 1, true, false);
        Shape out = pooled(in, 3, 3, 2, 2, 1, 1, true);
        float[] expectedMax = max(x, in, mp);
        float[] expectedAvg = avg(x, in, ap);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            int inSize = (int) in.size() / 3 * 5;
            float[] arena = new float[inSize + 2 * (int) out.size() / 3 * 4];
            Slice src = KernelTesting.channelSlice(0, in, 5, 1);
            Slice dstMax = KernelTesting.channelSlice(inSize, out, 4, 0);
            Slice dstAvg = KernelTesting.channelSlice(inSize + (int) out.size() / 3 * 4, out, 4, 1);
            KernelTesting.write(arena, src, x);
            PoolKernels.maxPool(arena, src, dstMax, mp, par);
            PoolKernels.avgPool(arena, src, dstAvg, ap, par);
            assertThat(KernelTesting.read(arena, dstMax)).containsExactly(expectedMax);
            assertThat(KernelTesting.read(arena, dstAvg)).containsExactly(expectedAvg);
        }
    }
}
