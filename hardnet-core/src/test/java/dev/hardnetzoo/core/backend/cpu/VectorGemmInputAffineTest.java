package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed GEMM's pointwise conv with a BatchNorm-ReLU applied to its input while packing, on
 * planes whose last strip is partial, the input placed last in the arena so that its final rows
 * end it: nothing is read past the arena, and the results are those of the BatchNorm then the conv.
 */
class VectorGemmInputAffineTest {

    @ParameterizedTest(name = "{0}x{0} plane")
    @ValueSource(ints = {5, 9, 14})
    void matchesTheBatchNormThenTheConv(int size) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        Random rnd = new Random(size);
        Shape in = Shape.nchw(2, 24, size, size);
        Shape out = Shape.nchw(2, 16, size, size);
        Op.Conv2d op = new Op.Conv2d(16, 1, 1, 1, 1, 0, 0, 1, 1, 1, "w", "b", null, Activation.NONE);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] weight = KernelTesting.random(rnd, 16 * 24);
        float[] bias = KernelTesting.random(rnd, 16);
        float[] scale = KernelTesting.random(rnd, 24);
        float[] shift = KernelTesting.random(rnd, 24);
        Conv2dKernel kernel = new VectorGemmConv2dKernel(ConvGeometry.of(op, in, out), weight, bias, Activation.NONE)
                .withInputAffine(new InputAffine(scale, shift, Activation.RELU));

        float[] arena = new float[(int) (out.size() + in.size())];
        Slice outSlice = Slice.dense(0, out);
        Slice inSlice = Slice.dense((int) out.size(), in); // last: its final rows end the arena
        KernelTesting.write(arena, inSlice, x);
        kernel.run(arena, inSlice, outSlice, KernelTesting.SERIAL);

        float[] normalised = new float[x.length];
        int plane = size * size;
        for (int i = 0; i < x.length; i++) {
            int c = i / plane % 24;
            normalised[i] = Math.max(x[i] * scale[c] + shift[c], 0f);
        }
        float[] expected = ConvKernelRandomTest.reference(normalised, in, op, out, weight, bias);
        float[] actual = KernelTesting.read(arena, outSlice);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }
}
