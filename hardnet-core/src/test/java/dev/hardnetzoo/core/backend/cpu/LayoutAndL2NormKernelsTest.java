package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayoutAndL2NormKernelsTest {

    @Test
    void l2NormDividesEachPositionByItsChannelNormAndScales() {
        // Position 0: (3, 4) has norm 5 -> (0.6, 0.8) * (2, 10); position 1: (0, 0) stays 0 thanks to eps.
        Shape s = Shape.nchw(1, 2, 1, 2);
        float[] arena = {3, 0, 4, 0, 0, 0, 0, 0};
        L2NormKernel.run(arena, Slice.dense(0, s), Slice.dense(4, s), new float[] {2, 10}, 1e-10f, SERIAL);
        assertThat(arena[4]).isCloseTo(1.2f, within(1e-6f));
        assertThat(arena[6]).isCloseTo(8f, within(1e-6f));
        assertThat(arena[5]).isZero();
        assertThat(arena[7]).isZero();
    }

    @Test
    void l2NormThreadedOnAStridedSliceMatchesSerial() {
        Random rnd = new Random(3);
        Shape s = Shape.nchw(2, 3, 40, 50);
        Slice in = KernelTesting.channelSlice(0, s, 5, 1);
        int size = 2 * 5 * 40 * 50;
        float[] a = KernelTesting.random(rnd, 2 * size);
        float[] b = a.clone();
        float[] w = {0.5f, 1f, 2f};
        L2NormKernel.run(a, in, Slice.dense(size, s), w, 1e-10f, SERIAL);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            L2NormKernel.run(b, in, Slice.dense(size, s), w, 1e-10f, par);
        }
        assertThat(Arrays.mismatch(a, b)).isEqualTo(-1);
        // each output position's norm is the norm of the weights' effect: sum (y_c / w_c)^2 = 1
        float sum = 0;
        for (int c = 0; c < 3; c++) sum += (float) Math.pow(a[size + c * 2000 + 17] / w[c], 2);
        assertThat(sum).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void copiesFillTheirChannelSlicesOfAConcatBufferAndNothingElse() {
        // Two batch items: a 3-channel 100x90 input (over several copy runs) into channels 0..2 and a
        // one-channel 100x90 input into channel 4 of a 5-channel buffer; channel 3 stays untouched.
        int plane = 100 * 90;
        Shape big = Shape.nchw(2, 3, 100, 90);
        Shape small = Shape.nchw(2, 1, 100, 90);
        int outBase = (int) (big.size() + small.size());
        float[] arena = KernelTesting.random(new Random(5), outBase + 2 * 5 * plane);
        float[] before = arena.clone();
        Slice[] from = {Slice.dense(0, big), Slice.dense((int) big.size(), small)};
        Slice[] to = {KernelTesting.channelSlice(outBase, big, 5, 0), KernelTesting.channelSlice(outBase, small, 5, 4)};
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            LayoutKernels.copies(from, to).run(arena, par);
        }
        for (int n = 0; n < 2; n++) {
            int item = outBase + n * 5 * plane;
            int src = n * 3 * plane;
            assertThat(Arrays.mismatch(arena, item, item + 3 * plane, before, src, src + 3 * plane)).isEqualTo(-1);
            int smallSrc = (int) big.size() + n * plane;
            assertThat(Arrays.mismatch(arena, item + 4 * plane, item + 5 * plane, before, smallSrc, smallSrc + plane))
                    .isEqualTo(-1);
            assertThat(Arrays.mismatch(arena, item + 3 * plane, item + 4 * plane, before, item + 3 * plane, item + 4 * plane))
                    .isEqualTo(-1);
        }
        assertThat(Arrays.mismatch(arena, 0, outBase, before, 0, outBase)).isEqualTo(-1);
    }

    @Test
    void channelsLastWritesNhwcRows() {
        // C=4, H=1, W=2: planes c0=(0,1), c1=(2,3), c2=(4,5), c3=(6,7) -> NHWC 0,2,4,6,1,3,5,7 as 4 rows of 2.
        Shape s = Shape.nchw(1, 4, 1, 2);
        float[] arena = KernelTesting.arenaWith(KernelTesting.range(0, 8), 8);
        LayoutKernels.channelsLast(arena, Slice.dense(0, s), Slice.dense(8, Shape.of(1, 4, 2)), SERIAL);
        assertThat(Arrays.copyOfRange(arena, 8, 16)).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
    }

    @Test
    void channelsLastReadsAStridedChannelSlicePerBatchItem() {
        // Two items of 3 channels (1x1 pixel) stored as channels 1..3 of a 4-channel buffer.
        Shape s = Shape.nchw(2, 3, 1, 1);
        float[] arena = KernelTesting.arenaWith(KernelTesting.range(0, 8), 6);
        LayoutKernels.channelsLast(arena, KernelTesting.channelSlice(0, s, 4, 1),
                Slice.dense(8, Shape.of(2, 1, 3)), SERIAL);
        assertThat(Arrays.copyOfRange(arena, 8, 14)).containsExactly(1, 2, 3, 5, 6, 7);
    }

    @Test
    void concatAlongRowsThenAlongColumns() {
        // axis 1: [1,2,2] (0..3) and [1,1,2] (4,5) -> [1,3,2] = 0..5
        float[] arena = KernelTesting.arenaWith(KernelTesting.range(0, 6), 6);
        Slice a = Slice.dense(0, Shape.of(1, 2, 2));
        Slice b = Slice.dense(4, Shape.of(1, 1, 2));
        LayoutKernels.concatAxis(arena, new Slice[] {a, b}, Slice.dense(6, Shape.of(1, 3, 2)), 1, SERIAL);
        assertThat(Arrays.copyOfRange(arena, 6, 12)).containsExactly(0, 1, 2, 3, 4, 5);

        // axis 2 on two items: [2,2,1] (0..3) and [2,2,2] (4..11) -> rows (0,4,5) (1,6,7) | (2,8,9) (3,10,11)
        float[] arena2 = KernelTesting.arenaWith(KernelTesting.range(0, 12), 12);
        Slice c = Slice.dense(0, Shape.of(2, 2, 1));
        Slice d = Slice.dense(4, Shape.of(2, 2, 2));
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            LayoutKernels.concatAxis(arena2, new Slice[] {c, d}, Slice.dense(12, Shape.of(2, 2, 3)), 2, par);
        }
        assertThat(Arrays.copyOfRange(arena2, 12, 24)).containsExactly(0, 4, 5, 1, 6, 7, 2, 8, 9, 3, 10, 11);
    }
}
