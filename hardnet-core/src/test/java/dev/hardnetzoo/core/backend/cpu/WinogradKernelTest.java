package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both Winograd variants, forced, against the direct definition: planes that clip the last tile
 * row and column, depths over several GEMM depth slices, output channels over several block
 * groups with a tail, one and several chunks of tiles, batch 2, 1 and 3 threads, inputs that end
 * with the arena.
 */
class WinogradKernelTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    static Stream<Arguments> cases() {
        int[][] shapes = { // n, inC, h, w, outC, pad
            {1, 32, 7, 7, 8, 1}, {2, 40, 13, 15, 19, 1}, {1, 300, 9, 10, 70, 1}, {1, 33, 29, 31, 37, 1},
            {2, 64, 14, 14, 41, 1}, {1, 48, 12, 23, 9, 0}, {1, 140, 28, 28, 16, 1},
            {1, 33, 6, 150, 9, 1}, {2, 36, 11, 70, 12, 0}}; // the last two: tile rows longer than a vector of tiles
        return Stream.of(shapes).flatMap(s -> Stream.of(new WinogradF2(), new WinogradF4())
                .flatMap(tf -> Stream.of(Arguments.of(s, tf.m(), 1), Arguments.of(s, tf.m(), 3))));
    }

    @ParameterizedTest(name = "n,inC,h,w,outC,pad={0} F({1}x{1}), {2} thread(s)")
    @MethodSource("cases")
    void matchesDirectConvolution(int[] s, int m, int threads) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        int n = s[0], inC = s[1], h = s[2], w = s[3], outC = s[4], pad = s[5];
        Random rnd = new Random(inC * 31 + h);
        Shape in = Shape.nchw(n, inC, h, w);
        Shape out = Shape.nchw(n, outC, h + 2 * pad - 2, w + 2 * pad - 2);
        Activation act = outC % 2 == 0 ? Activation.RELU6 : Activation.NONE;
        Op.Conv2d op = new Op.Conv2d(outC, 3, 3, 1, 1, pad, pad, 1, 1, 1, "w", "b", null, act);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] weight = KernelTesting.random(rnd, outC * inC * 9);
        float[] bias = KernelTesting.random(rnd, outC);
        WinogradTransform tf = m == 4 ? new WinogradF4() : new WinogradF2();
        var kernel = new WinogradConv2dKernel(ConvGeometry.of(op, in, out), weight, bias, act, tf);

        float[] arena = new float[(int) (in.size() + out.size())];
        // The input last, so the input transform's last rows end where the arena does.
        Slice outSlice = Slice.dense(0, out);
        Slice inSlice = Slice.dense((int) out.size(), in);
        KernelTesting.write(arena, inSlice, x);
        kernel.run(arena, inSlice, outSlice, threads == 1 ? KernelTesting.SERIAL : THREE);
        kernel.run(arena, inSlice, outSlice, threads == 1 ? KernelTesting.SERIAL : THREE);

        float[] expected = ConvKernelRandomTest.reference(x, in, op, out, weight, bias);
        float[] actual = KernelTesting.read(arena, outSlice);
        // Inputs and weights in [-1, 1): sums of 9 * inC terms; F(4x4)'s transforms add a few ulps of them.
        float tolerance = 2e-6f * 9 * inC;
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                assertThat(actual[i]).as("output %d of %d", i, expected.length).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void chunksHoldWholeTileRowsWhenThatCostsNoExtraChunk() {
        assertThat(WinogradConv2dKernel.tilesPerChunk(49, 7, 16)).as("28x28 in F(4x4): two rows of 7").isEqualTo(14);
        assertThat(WinogradConv2dKernel.tilesPerChunk(18, 6, 16)).as("two rows of 6, still two chunks").isEqualTo(12);
        assertThat(WinogradConv2dKernel.tilesPerChunk(196, 14, 16)).as("rows of 14 would need 14 chunks, not 13").isEqualTo(16);
        assertThat(WinogradConv2dKernel.tilesPerChunk(16, 4, 16)).as("rows of 4 fill the chunk already").isEqualTo(16);
        assertThat(WinogradConv2dKernel.tilesPerChunk(60, 20, 16)).as("rows longer than a chunk").isEqualTo(16);
    }
}
