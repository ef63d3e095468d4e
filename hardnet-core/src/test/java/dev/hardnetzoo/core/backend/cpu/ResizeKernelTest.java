package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static dev.hardnetzoo.core.testsupport.Parity.assertEachClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Bilinear resizes worked out by hand from PyTorch's source-index formulas. */
class ResizeKernelTest {

    private static float[] resize(float[] x, Shape in, Op.Resize op, Parallel par) {
        Shape out = Shape.nchw(in.n(), in.c(), op.outH(), op.outW());
        return KernelTesting.runDense(x, in, out, (arena, src, dst) -> ResizeKernel.bilinear(arena, src, dst, op, par));
    }

    private static final float[] GRID = {1, 2, 3, 4}; // value = 1 + x + 2y, so bilinear output = 1 + srcX + 2 srcY

    @Test
    void alignCornersTrueMapsCornersOntoCorners() {
        // src = dst * (2-1)/(4-1): 0, 1/3, 2/3, 1 on both axes.
        float t = 1f / 3;
        assertEachClose(resize(GRID, Shape.nchw(1, 1, 2, 2), new Op.Resize(4, 4, true, 0, 0), SERIAL), 1e-5f,
                1, 1 + t, 1 + 2 * t, 2,
                1 + 2 * t, 2, 2 + t, 2 + 2 * t,
                1 + 4 * t, 2 + 2 * t, 3, 3 + t,
                3, 3 + t, 3 + 2 * t, 4);
    }

    @Test
    void alignCornersFalseUsesHalfPixelCentres() {
        // src = max((dst + 0.5) / 2 - 0.5, 0): 0 (clamped), 0.25, 0.75, 1.25 -> index 1 with no right neighbour.
        assertEachClose(resize(GRID, Shape.nchw(1, 1, 2, 2), new Op.Resize(4, 4, false, 0, 0), SERIAL), 1e-5f,
                1, 1.25f, 1.75f, 2,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.5f, 2.75f, 3.25f, 3.5f,
                3, 3.25f, 3.75f, 4);
    }

    @Test
    void scaleFactorSetsTheMappingInsteadOfTheSizeRatio() {
        float[] row = {0, 10, 20};
        Shape in = Shape.nchw(1, 1, 1, 3);
        // scale_factor 1.5: step 1/1.5, src = 0 (clamped), 0.5, 7/6, 11/6.
        assertEachClose(resize(row, in, new Op.Resize(1, 4, false, 1.5, 1.5), SERIAL), 1e-5f, 0, 5, 70 / 6f, 110 / 6f);
        // size 4: step 3/4, src = 0 (clamped), 0.625, 1.375, 2.125 -> index 2 alone.
        assertEachClose(resize(row, in, new Op.Resize(1, 4, false, 0, 0), SERIAL), 1e-5f, 0, 6.25f, 13.75f, 20);
    }

    @Test
    void singleOutputWithAlignCornersReadsTheFirstPixel() {
        assertEachClose(resize(GRID, Shape.nchw(1, 1, 2, 2), new Op.Resize(1, 1, true, 0, 0), SERIAL), 1e-5f, 1);
    }

    @Test
    void threadedBatchMatchesSerial() {
        float[] x = KernelTesting.random(new java.util.Random(3), 2 * 3 * 5 * 7);
        Shape in = Shape.nchw(2, 3, 5, 7);
        Op.Resize op = new Op.Resize(13, 9, false, 0, 0);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            assertThat(resize(x, in, op, par)).containsExactly(resize(x, in, op, SERIAL));
        }
    }

    @Test
    void equalsPyTorchsFormulaBitForBitWhenScalingUpDownAndUnevenly() {
        float[] x = KernelTesting.random(new java.util.Random(5), 2 * 9 * 11);
        Shape in = Shape.nchw(1, 2, 9, 11);
        for (Op.Resize op : new Op.Resize[] {new Op.Resize(36, 44, false, 0, 0), new Op.Resize(36, 44, true, 0, 0),
                new Op.Resize(4, 5, false, 0, 0), new Op.Resize(20, 7, false, 0, 0), new Op.Resize(9, 11, false, 0, 0)}) {
            float[] actual = resize(x, in, op, SERIAL);
            float[] expected = pyTorchBilinear(x, in, op);
            assertThat(java.util.Arrays.mismatch(actual, expected)).as("first difference for %s", op).isEqualTo(-1);
        }
    }

    /** upsample_bilinear2d's loop as PyTorch writes it: one output at a time, the same float operations. */
    private static float[] pyTorchBilinear(float[] x, Shape in, Op.Resize op) {
        int inH = in.h();
        int inW = in.w();
        float sh = ResizeKernel.scale(inH, op.outH(), op.alignCorners(), op.scaleH());
        float sw = ResizeKernel.scale(inW, op.outW(), op.alignCorners(), op.scaleW());
        float[] y = new float[in.n() * in.c() * op.outH() * op.outW()];
        int i = 0;
        for (int c = 0; c < in.n() * in.c(); c++) {
            for (int oy = 0; oy < op.outH(); oy++) {
                float fy = ResizeKernel.source(sh, oy, op.alignCorners());
                int y0 = (int) fy;
                int y1 = y0 + (y0 < inH - 1 ? 1 : 0);
                float ly1 = fy - y0;
                float ly0 = 1f - ly1;
                for (int ox = 0; ox < op.outW(); ox++) {
                    float fx = ResizeKernel.source(sw, ox, op.alignCorners());
                    int x0 = (int) fx;
                    int x1 = x0 + (x0 < inW - 1 ? 1 : 0);
                    float lx1 = fx - x0;
                    float lx0 = 1f - lx1;
                    int p = c * inH * inW;
                    y[i++] = ly0 * (lx0 * x[p + y0 * inW + x0] + lx1 * x[p + y0 * inW + x1])
                            + ly1 * (lx0 * x[p + y1 * inW + x0] + lx1 * x[p + y1 * inW + x1]);
                }
            }
        }
        return y;
    }
}
