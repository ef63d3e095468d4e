package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static dev.hardnetzoo.core.testsupport.Parity.assertEachClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearSoftmaxKernelsTest {
    private static final float LN3 = (float) Math.log(3);

    @Test
    void linearMultipliesByTheTransposedWeightAndAddsBias() {
        // x = (1, 2), (3, 4); rows of W: (1, 0), (1, 1), (0, -1); bias (0, 1, 10).
        float[] arena = {1, 2, 3, 4, 0, 0, 0, 0, 0, 0};
        float[] w = {1, 0, 1, 1, 0, -1};
        LinearKernel.run(arena, Slice.dense(0, Shape.of(2, 2)), Slice.dense(4, Shape.of(2, 3)), w,
                new float[] {0, 1, 10}, SERIAL);
        assertThat(Arrays.copyOfRange(arena, 4, 10)).containsExactly(1, 4, 8, 3, 8, 6);
    }

    @Test
    void anItemsOutputsDoNotDependOnItsBatch() {
        // A batch of 6 (a pass of four items, then two alone) against each item run by itself,
        // bit for bit, and against a plain double-precision sum.
        java.util.Random rnd = new java.util.Random(3);
        int inF = 37;
        int outF = 21;
        int items = 6;
        float[] w = KernelTesting.random(rnd, inF * outF);
        float[] bias = KernelTesting.random(rnd, outF);
        float[] x = KernelTesting.random(rnd, items * inF);
        float[] batch = Arrays.copyOf(x, items * (inF + outF));
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            LinearKernel.run(batch, Slice.dense(0, Shape.of(items, inF)), Slice.dense(items * inF, Shape.of(items, outF)),
                    w, bias, par);
        }
        for (int n = 0; n < items; n++) {
            float[] one = Arrays.copyOf(Arrays.copyOfRange(x, n * inF, (n + 1) * inF), inF + outF);
            LinearKernel.run(one, Slice.dense(0, Shape.of(1, inF)), Slice.dense(inF, Shape.of(1, outF)), w, bias, SERIAL);
            float[] fromBatch = Arrays.copyOfRange(batch, items * inF + n * outF, items * inF + (n + 1) * outF);
            assertThat(fromBatch).containsExactly(Arrays.copyOfRange(one, inF, inF + outF));
            for (int o = 0; o < outF; o++) {
                double expected = bias[o];
                for (int i = 0; i < inF; i++) expected += (double) x[n * inF + i] * w[o * inF + i];
                assertThat((double) fromBatch[o]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void softmaxOverFeaturesIsStableForLargeValues() {
        // (0, ln 3) -> (1/4, 3/4); (1000, 1001) -> (1, e) / (1 + e), where exp(1000) alone overflows.
        float[] arena = {0, LN3, 1000, 1001};
        Slice s = Slice.dense(0, Shape.of(2, 2));
        SoftmaxKernel.run(arena, s, s, 1, SERIAL);
        assertEachClose(arena, 1e-6f, 0.25f, 0.75f, 0.26894142f, 0.7310586f);
    }

    @Test
    void softmaxOverChannelsPerPixel() {
        // Pixel 0: (0, ln 3) -> (1/4, 3/4); pixel 1: (1000, 1000) -> (1/2, 1/2).
        Shape s = Shape.nchw(1, 2, 1, 2);
        float[] arena = {0, 1000, LN3, 1000, 0, 0, 0, 0};
        SoftmaxKernel.run(arena, Slice.dense(0, s), Slice.dense(4, s), 1, SERIAL);
        assertEachClose(Arrays.copyOfRange(arena, 4, 8), 1e-6f, 0.25f, 0.5f, 0.75f, 0.5f);
    }

    @Test
    void threadedStridedRunsMatchSerial() {
        float[][] serial = softmaxAndLinear(SERIAL);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            float[][] threaded = softmaxAndLinear(par);
            assertThat(threaded[0]).containsExactly(serial[0]);
            assertThat(threaded[1]).containsExactly(serial[1]);
        }
        float sum = 0f;
        for (int c = 0; c < 5; c++) sum += serial[0][c * 30 * 40 + 7];
        assertThat(sum).isCloseTo(1f, within(1e-5f));
    }

    /** Softmax in place on channels 1..5 of a 7-channel buffer; linear into a strided slice. */
    private static float[][] softmaxAndLinear(Parallel par) {
        java.util.Random rnd = new java.util.Random(9);
        Shape maps = Shape.nchw(2, 5, 30, 40);
        Shape features = Shape.of(3, 70);
        float[] x = KernelTesting.random(rnd, (int) maps.size());
        float[] f = KernelTesting.random(rnd, (int) features.size());
        float[] w = KernelTesting.random(rnd, 70 * 33);
        float[] b = KernelTesting.random(rnd, 33);
        int mapsBuf = 2 * 7 * 30 * 40;
        float[] arena = new float[mapsBuf + 3 * 70 + 3 * 40];
        Slice m = KernelTesting.channelSlice(0, maps, 7, 1);
        Slice in = Slice.dense(mapsBuf, features);
        Slice out = new Slice(mapsBuf + 3 * 70 + 2, 40, Shape.of(3, 33));
        KernelTesting.write(arena, m, x);
        KernelTesting.write(arena, in, f);
        SoftmaxKernel.run(arena, m, m, 1, par);
        LinearKernel.run(arena, in, out, w, b, par);
        return new float[][] {KernelTesting.read(arena, m), KernelTesting.read(arena, out)};
    }
}
