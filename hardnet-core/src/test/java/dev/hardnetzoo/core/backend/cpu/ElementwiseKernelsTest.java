package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElementwiseKernelsTest {
    private static final Shape TWO_BY_TWO = Shape.nchw(1, 2, 1, 2);

    @Test
    void channelAffineScalesShiftsAndActivates() {
        // Channel 0 (1, 2) * 2 + 1; channel 1 (3, 4) * -1 + 0, then ReLU.
        float[] arena = {1, 2, 3, 4, 0, 0, 0, 0};
        ElementwiseKernels.channelAffine(arena, Slice.dense(0, TWO_BY_TWO), Slice.dense(4, TWO_BY_TWO),
                new float[] {2, -1}, new float[] {1, 0}, Activation.RELU, SERIAL);
        assertThat(arena).containsExactly(1, 2, 3, 4, 3, 5, 0, 0);
        Slice inPlace = Slice.dense(0, TWO_BY_TWO);
        ElementwiseKernels.channelAffine(arena, inPlace, inPlace, new float[] {2, -1}, new float[] {1, 0},
                Activation.NONE, SERIAL);
        assertThat(Arrays.copyOf(arena, 4)).containsExactly(3, 5, -3, -4);
    }

    @Test
    void activationInPlaceAndIntoAnotherSlice() {
        Shape s = Shape.of(1, 3);
        float[] arena = {-1, 3, 7, 0, 0, 0};
        ElementwiseKernels.activation(arena, Slice.dense(0, s), Slice.dense(3, s), Activation.RELU, SERIAL);
        ElementwiseKernels.activation(arena, Slice.dense(0, s), Slice.dense(0, s), Activation.RELU6, SERIAL);
        assertThat(arena).containsExactly(0, 3, 6, 0, 3, 7);
    }

    @Test
    void addWithActivationInPlace() {
        Shape s = Shape.of(1, 2);
        float[] arena = {1, 2, 3, -5};
        Slice a = Slice.dense(0, s);
        ElementwiseKernels.add(arena, a, Slice.dense(2, s), a, Activation.RELU, SERIAL);
        assertThat(arena).containsExactly(4, 0, 3, -5);
    }

    @Test
    void copyIntoAChannelSliceAndFlattenAStridedSlice() {
        // Two batch items of one channel (1, 2) and (3, 4) into channel 1 of a 3-channel buffer.
        Shape item = Shape.nchw(2, 1, 1, 2);
        float[] arena = new float[4 + 12 + 4];
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, arena, 0, 4);
        Slice wide = KernelTesting.channelSlice(4, item, 3, 1);
        ElementwiseKernels.copy(arena, Slice.dense(0, item), wide, SERIAL);
        assertThat(Arrays.copyOfRange(arena, 4, 16)).containsExactly(0, 0, 1, 2, 0, 0, 0, 0, 3, 4, 0, 0);
        ElementwiseKernels.copy(arena, wide, Slice.dense(16, Shape.of(2, 2)), SERIAL);
        assertThat(Arrays.copyOfRange(arena, 16, 20)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void threadedStridedOperationsMatchElementLoops() {
        Random rnd = new Random(11);
        Shape s = Shape.nchw(2, 3, 70, 90);
        int per = (int) s.perItem();
        float[] a = KernelTesting.random(rnd, (int) s.size());
        float[] b = KernelTesting.random(rnd, (int) s.size());
        float[] arena = new float[4 * per * 2 * 2];
        Slice sa = KernelTesting.channelSlice(0, s, 6, 0);
        Slice sb = KernelTesting.channelSlice(0, s, 6, 3);
        Slice out = KernelTesting.channelSlice(2 * 6 * per / 3, s, 6, 2);
        KernelTesting.write(arena, sa, a);
        KernelTesting.write(arena, sb, b);
        float[] scale = {0.5f, -2f, 3f};
        float[] shift = {1f, 0.25f, -1f};
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            ElementwiseKernels.add(arena, sa, sb, out, Activation.RELU6, par);
            float[] sum = KernelTesting.read(arena, out);
            ElementwiseKernels.channelAffine(arena, sa, sa, scale, shift, Activation.RELU, par);
            float[] affine = KernelTesting.read(arena, sa);
            int plane = 70 * 90;
            for (int i = 0; i < a.length; i++) {
                assertThat(sum[i]).isEqualTo(Activation.RELU6.apply(a[i] + b[i]));
                int c = i / plane % 3;
                assertThat(affine[i]).isEqualTo(Activation.RELU.apply(a[i] * scale[c] + shift[c]));
            }
        }
    }
}
