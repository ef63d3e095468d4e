package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The depthwise 3x3 plane kernels against the naive reference: planes from exactly one vector to
 * many rows per vector, odd sizes (stride 2's zero phases), rows shorter than a vector, batch 2,
 * channel multipliers, every activation, on 1 and 3 threads, between channel slices.
 */
class VectorDepthwise3x3Test {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    private static Case depthwise(String name, int n, int channels, int multiplier, int h, int w, int stride) {
        return new Case(name, n, channels, h, w, channels * multiplier, 3, 3, stride, stride, 1, 1, 1, channels);
    }

    static Stream<Arguments> cases() {
        Case[] cases = {
            depthwise("s1 4x4: one vector", 1, 3, 1, 4, 4, 1),
            depthwise("s1 5x4", 2, 4, 1, 5, 4, 1),
            depthwise("s1 7x7", 2, 5, 1, 7, 7, 1),
            depthwise("s1 14x14", 1, 3, 1, 14, 14, 1),
            depthwise("s1 13x9 odd", 2, 3, 1, 13, 9, 1),
            depthwise("s1 1x37 one row", 1, 2, 1, 1, 37, 1),
            depthwise("s1 23x1 one column", 1, 2, 1, 23, 1, 1),
            depthwise("s1 17x3 narrow", 2, 3, 1, 17, 3, 1),
            depthwise("s1 3x40 wide", 1, 3, 1, 3, 40, 1),
            depthwise("s1 multiplier 2", 2, 3, 2, 9, 11, 1),
            depthwise("s1 56x56", 1, 2, 1, 56, 56, 1),
            depthwise("s2 8x8: one vector", 1, 3, 1, 8, 8, 2),
            depthwise("s2 14x14", 2, 4, 1, 14, 14, 2),
            depthwise("s2 15x13 odd", 2, 3, 1, 15, 13, 2),
            depthwise("s2 13x15 odd", 1, 3, 1, 13, 15, 2),
            depthwise("s2 2x64 one output row", 1, 2, 1, 2, 64, 2),
            depthwise("s2 1x33 one input row", 1, 2, 1, 1, 33, 2),
            depthwise("s2 40x3 narrow", 2, 3, 1, 40, 3, 2),
            depthwise("s2 9x70 rows over two vectors", 1, 2, 1, 9, 70, 2),
            depthwise("s2 multiplier 3", 2, 2, 3, 11, 12, 2),
            depthwise("s2 56x56", 1, 2, 1, 56, 56, 2),
            depthwise("s2 12x42 even, rows of 2.6 vectors", 2, 3, 1, 12, 42, 2),
            depthwise("s2 28x28 even, 5 planes", 1, 5, 1, 28, 28, 2),
        };
        return ConvKernelRandomTest.everyActivationOnOneAndThreeThreads(cases);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} thread(s)")
    @MethodSource("cases")
    void matchesNaiveReference(Case c, Activation act, int threads) {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        assertThat(VectorDepthwise3x3.handles(geometry(c))).as("handled by VectorDepthwise3x3").isTrue();
        ConvKernelRandomTest.assertMatchesReference(c, act, threads == 1 ? KernelTesting.SERIAL : THREE, true);
    }

    /** Input planes at the very end of the arena: the phase split's whole-vector reads must stop short of it. */
    @ParameterizedTest(name = "{0}x{0}")
    @ValueSource(ints = {14, 15, 28})
    void stride2WithTheInputLastInTheArena(int size) {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        Case c = depthwise("s2 input last", 1, 3, 1, size, size, 2);
        Shape in = ConvKernelRandomTest.inShape(c);
        Shape out = ConvKernelRandomTest.outShape(c);
        Random rnd = new Random(size);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] weight = KernelTesting.random(rnd, c.outC() * 9);
        float[] bias = KernelTesting.random(rnd, c.outC());
        Op.Conv2d op = ConvKernelRandomTest.op(c, Activation.NONE);
        float[] arena = new float[(int) (out.size() + in.size())];
        Slice outSlice = Slice.dense(0, out);
        Slice inSlice = Slice.dense((int) out.size(), in);
        KernelTesting.write(arena, inSlice, x);

        Conv2dKernel.create(op, in, out, weight, bias, true).run(arena, inSlice, outSlice, KernelTesting.SERIAL);

        assertThat(KernelTesting.read(arena, outSlice))
                .containsExactly(ConvKernelRandomTest.reference(x, in, op, out, weight, bias), within(1e-4f));
    }

    @Test
    void leavesOtherChannelwiseConvsToTheGeneralKernel() {
        assertThat(VectorDepthwise3x3.handles(geometry(depthwise("s1 1x3: under a vector", 1, 2, 1, 1, 3, 1)))).isFalse();
        assertThat(VectorDepthwise3x3.handles(geometry(new Case("5x5", 1, 2, 8, 8, 2, 5, 5, 1, 1, 2, 2, 1, 2)))).isFalse();
        assertThat(VectorDepthwise3x3.handles(geometry(new Case("unpadded", 1, 2, 8, 8, 2, 3, 3, 1, 1, 0, 0, 1, 2)))).isFalse();
        assertThat(VectorDepthwise3x3.handles(geometry(new Case("dilated", 1, 2, 8, 8, 2, 3, 3, 1, 1, 1, 1, 2, 2)))).isFalse();
        assertThat(VectorDepthwise3x3.handles(geometry(new Case("stride (2,1)", 1, 2, 8, 8, 2, 3, 3, 2, 1, 1, 1, 1, 2)))).isFalse();
        assertThat(VectorDepthwise3x3.handles(geometry(new Case("dense", 1, 2, 8, 8, 2, 3, 3, 1, 1, 1, 1, 1, 1)))).isFalse();
    }

    private static ConvGeometry geometry(Case c) {
        return ConvKernelRandomTest.geometry(c);
    }
}
