package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transposed convolutions: hand-worked cases, then random ones against the defining sum. */
class ConvTranspose2dKernelTest {

    private static Op.ConvTranspose2d op(int outC, int k, int s, int p, int outputPad) {
        return new Op.ConvTranspose2d(outC, k, k, s, s, p, p, outputPad, outputPad, "w", "b");
    }

    private static float[] run(float[] input, Shape in, Op.ConvTranspose2d op, Shape out, float[] w, float[] b, Parallel par) {
        ConvTranspose2dKernel kernel = new ConvTranspose2dKernel(op, in, out, w, b);
        return KernelTesting.runDense(input, in, out, (arena, src, dst) -> kernel.run(arena, src, dst, par));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void stride2Kernel3SpreadsEachPixelOverA3x3WindowThatOverlapsItsNeighbours() {
        // Input [[1, 2], [3, 4]], weights all 1: pixel (y, x) covers rows 2y..2y+2, columns 2x..2x+2.
        float[] out = run(new float[] {1, 2, 3, 4}, Shape.nchw(1, 1, 2, 2), op(1, 3, 2, 0, 0), Shape.nchw(1, 1, 5, 5),
                filled(9, 1f), new float[] {0.5f}, SERIAL);
        assertThat(out).containsExactly(
                1.5f, 1.5f, 3.5f, 2.5f, 2.5f,
                1.5f, 1.5f, 3.5f, 2.5f, 2.5f,
                4.5f, 4.5f, 10.5f, 6.5f, 6.5f,
                3.5f, 3.5f, 7.5f, 4.5f, 4.5f,
                3.5f, 3.5f, 7.5f, 4.5f, 4.5f);
    }

    @Test
    void paddingDropsTheBorderAndOutputPaddingKeepsTheLastRow() {
        // Same as above with padding 1 and output_padding 1: rows and columns 1..4 of the 5x5 map.
        float[] out = run(new float[] {1, 2, 3, 4}, Shape.nchw(1, 1, 2, 2), op(1, 3, 2, 1, 1), Shape.nchw(1, 1, 4, 4),
                filled(9, 1f), null, SERIAL);
        assertThat(out).containsExactly(
                1, 3, 2, 2,
                4, 10, 6, 6,
                3, 7, 4, 4,
                3, 7, 4, 4);
    }

    @Test
    void weightsAreIndexedInputChannelFirst() {
        // Two input channels (values 1 and 10), one 1x1 weight each per output channel: w[ci][co].
        float[] w = {1, 2, 3, 4}; // w[0][0]=1, w[0][1]=2, w[1][0]=3, w[1][1]=4
        float[] out = run(new float[] {1, 10}, Shape.nchw(1, 2, 1, 1), op(2, 1, 1, 0, 0), Shape.nchw(1, 2, 1, 1), w, null, SERIAL);
        assertThat(out).containsExactly(1 * 1 + 10 * 3, 1 * 2 + 10 * 4);
    }

    /** More than one depth chunk (inC > 256), tiles that end mid-row, kernels of 4 and 16 taps, a batch of 2, 3 threads. */
    @ParameterizedTest
    @CsvSource({"300, 5, 13, 11, 3, 2, 0, 0", "7, 9, 12, 12, 4, 2, 1, 0", "16, 3, 9, 14, 2, 2, 0, 1", "5, 6, 6, 7, 3, 1, 1, 0"})
    void matchesTheDefiningSum(int inC, int outC, int h, int w, int k, int s, int p, int outPad) {
        Random rnd = new Random(inC * 31 + k);
        Shape in = Shape.nchw(2, inC, h, w);
        Op.ConvTranspose2d op = op(outC, k, s, p, outPad);
        int oh = (h - 1) * s - 2 * p + k + outPad;
        int ow = (w - 1) * s - 2 * p + k + outPad;
        Shape out = Shape.nchw(2, outC, oh, ow);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] wt = KernelTesting.random(rnd, inC * outC * k * k);
        float[] b = KernelTesting.random(rnd, outC);
        float[] expected = new float[(int) out.size()];
        for (int n = 0; n < 2; n++) {
            for (int co = 0; co < outC; co++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = b[co];
                        for (int ci = 0; ci < inC; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int ty = oy + p - ky;
                                    int tx = ox + p - kx;
                                    if (ty < 0 || tx < 0 || ty % s != 0 || tx % s != 0 || ty / s >= h || tx / s >= w) continue;
                                    sum += x[((n * inC + ci) * h + ty / s) * w + tx / s] * wt[((ci * outC + co) * k + ky) * k + kx];
                                }
                            }
                        }
                        expected[((n * outC + co) * oh + oy) * ow + ox] = (float) sum;
                    }
                }
            }
        }
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            float[] actual = run(x, in, op, out, wt, b, par);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void writesIntoAChannelSliceOfAConcatBuffer() {
        Shape in = Shape.nchw(1, 1, 2, 2);
        Shape out = Shape.nchw(1, 1, 5, 5);
        float[] arena = new float[4 + 3 * 25];
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, arena, 0, 4);
        Slice dst = KernelTesting.channelSlice(4, out, 3, 1);
        new ConvTranspose2dKernel(op(1, 3, 2, 0, 0), in, out, filled(9, 1f), null).run(arena, Slice.dense(0, in), dst, SERIAL);
        assertThat(arena[4 + 25 + 12]).isEqualTo(10f); // centre of channel 1
        assertThat(Arrays.copyOfRange(arena, 4, 4 + 25)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(arena, 4 + 50, arena.length)).containsOnly(0f);
    }

    @Test
    void refusesAnOutputShapeThatDoesNotFollow() {
        assertThatThrownBy(() -> new ConvTranspose2dKernel(op(1, 3, 2, 0, 0), Shape.nchw(1, 1, 2, 2), Shape.nchw(1, 1, 4, 4),
                filled(9, 1f), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow");
        assertThatThrownBy(() -> new ConvTranspose2dKernel(op(1, 3, 2, 0, 0), Shape.nchw(1, 1, 2, 2), Shape.nchw(1, 1, 5, 5),
                filled(8, 1f), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 9");
    }
}
