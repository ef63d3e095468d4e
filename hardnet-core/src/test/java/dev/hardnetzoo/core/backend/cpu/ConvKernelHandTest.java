package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static dev.hardnetzoo.core.backend.cpu.KernelTesting.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Small convolutions whose results were worked out by hand. */
class ConvKernelHandTest {

    private static float[] conv(float[] input, Shape in, Op.Conv2d op, Shape out, float[] weight, float[] bias) {
        Conv2dKernel kernel = Conv2dKernel.create(op, in, out, weight, bias);
        return KernelTesting.runDense(input, in, out, (arena, src, dst) -> kernel.run(arena, src, dst, SERIAL));
    }

    private static Op.Conv2d op(int outC, int kH, int kW, int sH, int sW, int pH, int pW, int d, int groups, Activation act) {
        return new Op.Conv2d(outC, kH, kW, sH, sW, pH, pW, d, d, groups, "w", null, null, act);
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void stride2Padding1SumsTheClippedWindows() {
        // Input 1..16 in a 4x4 grid; windows (rows x cols) -1..1/-1..1, -1..1/1..3, 1..3/-1..1, 1..3/1..3.
        float[] out = conv(range(1, 16), Shape.nchw(1, 1, 4, 4), op(1, 3, 3, 2, 2, 1, 1, 1, 1, Activation.NONE),
                Shape.nchw(1, 1, 2, 2), ones(9), null);
        assertThat(out).containsExactly(1 + 2 + 5 + 6, 2 + 3 + 4 + 6 + 7 + 8, 5 + 6 + 9 + 10 + 13 + 14,
                6 + 7 + 8 + 10 + 11 + 12 + 14 + 15 + 16);
    }

    @Test
    void dilation2ReadsEveryOtherPixelAndRelu6Clamps() {
        // 5x5 input y*5+x; taps at rows and columns 0, 2, 4: 3*5*(0+2+4) + 3*(0+2+4) = 108.
        Shape in = Shape.nchw(1, 1, 5, 5);
        Shape out = Shape.nchw(1, 1, 1, 1);
        assertThat(conv(range(0, 25), in, op(1, 3, 3, 1, 1, 0, 0, 2, 1, Activation.NONE), out, ones(9), null))
                .containsExactly(108f);
        assertThat(conv(range(0, 25), in, op(1, 3, 3, 1, 1, 0, 0, 2, 1, Activation.RELU6), out, ones(9), null))
                .containsExactly(6f);
    }

    @Test
    void groupsOfTwoSeeOnlyTheirOwnChannels() {
        // Channel 0 = 1,2,3,4 and channel 1 = 10,20,30,40; 2x2 kernels give one pixel per output channel.
        float[] input = {1, 2, 3, 4, 10, 20, 30, 40};
        float[] weight = {
            1, 0, 0, 1,   // out 0, group 0: 1 + 4
            1, 1, 1, 1,   // out 1, group 0: 1 + 2 + 3 + 4
            0, 1, 0, 0,   // out 2, group 1: 20
            -1, 0, 0, 0,  // out 3, group 1: -10, bias 100
        };
        float[] out = conv(input, Shape.nchw(1, 2, 2, 2), op(4, 2, 2, 1, 1, 0, 0, 1, 2, Activation.NONE),
                Shape.nchw(1, 4, 1, 1), weight, new float[] {0, 0, 0, 100});
        assertThat(out).containsExactly(5f, 10f, 20f, 90f);
    }

    @Test
    void depthwiseWithBiasAndRelu6() {
        // Both channels 1,2,3,4 (2x2), 3x3 kernel, padding 1: every window covers the whole input.
        float[] input = {1, 2, 3, 4, 1, 2, 3, 4};
        float[] weight = new float[18];
        Arrays.fill(weight, 0, 9, 1f); // channel 0 sums the window: 10 - 2 = 8, clamped to 6
        weight[9 + 4] = 1f;             // channel 1 is the identity: x - 2.5 = -1.5, -0.5, 0.5, 1.5
        float[] out = conv(input, Shape.nchw(1, 2, 2, 2), op(2, 3, 3, 1, 1, 1, 1, 1, 2, Activation.RELU6),
                Shape.nchw(1, 2, 2, 2), weight, new float[] {-2f, -2.5f});
        assertThat(out).containsExactly(6, 6, 6, 6, 0, 0, 0.5f, 1.5f);
    }

    @Test
    void rectangularKernelWithHorizontalPadding() {
        // 1x3 kernel (1, 2, 3), padding (0, 1) over rows (1, 2, 3) and (4, 5, 6).
        float[] out = conv(new float[] {1, 2, 3, 4, 5, 6}, Shape.nchw(1, 1, 2, 3),
                op(1, 1, 3, 1, 1, 0, 1, 1, 1, Activation.NONE), Shape.nchw(1, 1, 2, 3), new float[] {1, 2, 3}, null);
        assertThat(out).containsExactly(
                2 * 1 + 3 * 2, 1 + 2 * 2 + 3 * 3, 2 + 2 * 3,
                2 * 4 + 3 * 5, 4 + 2 * 5 + 3 * 6, 5 + 2 * 6);
    }

    @Test
    void rejectsWeightsOrShapesThatDoNotFit() {
        Op.Conv2d op = op(2, 3, 3, 1, 1, 1, 1, 1, 1, Activation.NONE);
        Shape in = Shape.nchw(1, 1, 4, 4);
        assertThatThrownBy(() -> Conv2dKernel.create(op, in, Shape.nchw(1, 2, 4, 4), new float[17], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conv2dKernel.create(op, in, Shape.nchw(1, 2, 3, 4), new float[18], null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointwiseWithBiasAndRelu() {
        // Two input channels (1, -2) and (3, 4); outputs x0 - x1 + 1 and x0 + x1 - 10, then ReLU.
        float[] out = conv(new float[] {1, -2, 3, 4}, Shape.nchw(1, 2, 1, 2),
                op(2, 1, 1, 1, 1, 0, 0, 1, 1, Activation.RELU), Shape.nchw(1, 2, 1, 2),
                new float[] {1, -1, 1, 1}, new float[] {1, -10});
        assertThat(out).containsExactly(0f, 0f, 0f, 0f);
        float[] plain = conv(new float[] {1, -2, 3, 4}, Shape.nchw(1, 2, 1, 2),
                op(2, 1, 1, 1, 1, 0, 0, 1, 1, Activation.NONE), Shape.nchw(1, 2, 1, 2),
                new float[] {1, -1, 1, 1}, new float[] {1, -10});
        assertThat(plain).containsExactly(-1f, -5f, -6f, -8f);
    }
}
