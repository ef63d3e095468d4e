package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct 3x3 conv against the definition: whole and partial channel blocks, pixel groups that
 * span padded rows and end past the plane, planes narrower than a group, padding 0 to 2, batch 2,
 * 1 and 3 threads (bands of rows per task, or blocks x groups for large weights), reading and
 * writing channel slices of larger buffers (nothing outside touched).
 */
class Direct3x3Conv2dKernelTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    static Stream<Arguments> cases() {
        int[][] shapes = { // n, inC, h, w, outC, pad
            {1, 3, 7, 7, 5, 1}, {2, 17, 13, 15, 32, 1}, {1, 40, 28, 28, 33, 1}, {1, 9, 5, 6, 70, 0},
            {2, 6, 1, 1, 16, 1}, {1, 130, 14, 14, 32, 1}, {1, 5, 3, 40, 7, 2}, {2, 8, 56, 56, 14, 1},
            {1, 300, 9, 10, 128, 1}}; // the last: weights too large for every task to read all (no bands)
        return Stream.of(shapes).flatMap(s -> Stream.of(Arguments.of(s, 1), Arguments.of(s, 3)));
    }

    @ParameterizedTest(name = "n,inC,h,w,outC,pad={0}, {1} thread(s)")
    @MethodSource("cases")
    void matchesTheDefinition(int[] s, int threads) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        int n = s[0], inC = s[1], h = s[2], w = s[3], outC = s[4], pad = s[5];
        Random rnd = new Random(inC * 31L + h);
        Shape in = Shape.nchw(n, inC, h, w);
        Shape out = Shape.nchw(n, outC, h + 2 * pad - 2, w + 2 * pad - 2);
        Activation act = outC % 2 == 0 ? Activation.RELU : Activation.NONE;
        Op.Conv2d op = new Op.Conv2d(outC, 3, 3, 1, 1, pad, pad, 1, 1, 1, "w", "b", null, act);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] weight = KernelTesting.random(rnd, outC * inC * 9);
        float[] bias = KernelTesting.random(rnd, outC);
        var kernel = new Direct3x3Conv2dKernel(ConvGeometry.of(op, in, out), weight, bias, act);

        // Input at channel 2 of inC + 3 channels, output at channel 1 of outC + 2, after it.
        int inFloats = (int) (n * (inC + 3L) * h * w);
        float[] arena = new float[inFloats + (int) (n * (outC + 2L) * out.h() * out.w())];
        Arrays.fill(arena, Float.NaN);
        Slice inSlice = KernelTesting.channelSlice(0, in, inC + 3, 2);
        Slice outSlice = KernelTesting.channelSlice(inFloats, out, outC + 2, 1);
        KernelTesting.write(arena, inSlice, x);
        kernel.run(arena, inSlice, outSlice, threads == 1 ? KernelTesting.SERIAL : THREE);

        float[] expected = ConvKernelRandomTest.reference(x, in, op, out, weight, bias);
        float[] actual = KernelTesting.read(arena, outSlice);
        float tolerance = 1e-6f * 9 * inC;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                assertThat(actual[i]).as("output %d of %d", i, expected.length).isEqualTo(expected[i]);
            }
        }
        long written = Stream.iterate(0, i -> i + 1).limit(arena.length).filter(i -> !Float.isNaN(arena[i])).count();
        assertThat(written).as("floats written or input").isEqualTo(in.size() + out.size());
    }

    @Test
    void takesOnlyDenseStrideOne3x3Convs() {
        assertThat(Direct3x3Conv2dKernel.handles(geometry(3, 1, 1, 1))).isTrue();
        assertThat(Direct3x3Conv2dKernel.handles(geometry(3, 2, 1, 1))).isFalse();
        assertThat(Direct3x3Conv2dKernel.handles(geometry(3, 1, 2, 1))).isFalse();
        assertThat(Direct3x3Conv2dKernel.handles(geometry(3, 1, 1, 2))).isFalse();
        assertThat(Direct3x3Conv2dKernel.handles(geometry(1, 1, 1, 1))).isFalse();
    }

    private static ConvGeometry geometry(int k, int stride, int dilation, int groups) {
        int pad = dilation * (k / 2);
        Op.Conv2d op = new Op.Conv2d(8, k, k, stride, stride, pad, pad, dilation, dilation, groups, "w", null, null,
                Activation.NONE);
        int outSize = (16 + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        return ConvGeometry.of(op, Shape.nchw(1, 8, 16, 16), Shape.nchw(1, 8, outSize, outSize));
    }
}
