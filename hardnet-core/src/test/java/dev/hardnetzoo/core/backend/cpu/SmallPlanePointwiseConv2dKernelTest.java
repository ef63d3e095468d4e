package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case.pointwise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case;
import dev.hardnetzoo.core.graph.Activation;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel-vector 1x1 conv against the naive reference: whole and partial channel blocks,
 * planes that are and are not multiples of its pixel group (down to one pixel), shallow and deep
 * inputs, batch 2, every activation, on 1 and 3 threads, between channel slices; made directly, as
 * it is only chosen with 32 vector registers.
 */
class SmallPlanePointwiseConv2dKernelTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    static Stream<Arguments> cases() {
        int block = SmallPlanePointwiseConv2dKernel.BLOCK;
        Case[] cases = {
            pointwise("7x7, two whole blocks", 1, 20, 7, 7, 2 * block),
            pointwise("7x7, partial last block", 2, 33, 7, 7, 2 * block + block / 2),
            pointwise("14x14, deep", 1, 300, 14, 14, 3 * block),
            pointwise("5x5, plane off the pixel group", 2, 9, 5, 5, 2 * block),
            pointwise("10x10, several groups and a partial one", 1, 17, 10, 10, 2 * block),
            pointwise("3x3", 1, 40, 3, 3, 2 * block),
            pointwise("2x2, under one group", 2, 5, 2, 2, 2 * block + 7),
            pointwise("1x1 plane, two input channels", 2, 2, 1, 1, 2 * block),
        };
        return ConvKernelRandomTest.everyActivationOnOneAndThreeThreads(cases);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} thread(s)")
    @MethodSource("cases")
    void matchesNaiveReference(Case c, Activation act, int threads) {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        ConvKernelRandomTest.assertMatchesReference(c, act, threads == 1 ? KernelTesting.SERIAL : THREE,
                (op, in, out, w, b) -> new SmallPlanePointwiseConv2dKernel(ConvGeometry.of(op, in, out), w, b, act));
    }

    @Test
    void isChosenOnlyWithThirtyTwoVectorRegisters() {
        Case c = pointwise("7x7, two whole blocks", 1, 20, 7, 7, 2 * SmallPlanePointwiseConv2dKernel.BLOCK);
        assertThat(fits(c)).isTrue();
        assertThat(handles(c)).isEqualTo(VectorGemm.REGISTERS >= 32);
    }

    @Test
    void leavesConvsWhereItWouldWasteMoreToTheGemm() {
        int block = SmallPlanePointwiseConv2dKernel.BLOCK;
        assertThat(fits(pointwise("28x28", 1, 8, 28, 28, 2 * block))).isFalse();
        assertThat(fits(pointwise("7x7, one block", 1, 8, 7, 7, block))).isFalse();
        assertThat(fits(pointwise("14x14, channels far off the block", 1, 8, 14, 14, 2 * block + 6))).isFalse();
        assertThat(fits(pointwise("8x8, whole pixel strips", 1, 8, 8, 8, 2 * block))).isFalse();
        assertThat(fits(new Case("grouped", 1, 8, 7, 7, 2 * block, 1, 1, 1, 1, 0, 0, 1, 2))).isFalse();
        assertThat(fits(new Case("3x3", 1, 8, 7, 7, 2 * block, 3, 3, 1, 1, 1, 1, 1, 1))).isFalse();
    }

    private static boolean handles(Case c) {
        return SmallPlanePointwiseConv2dKernel.handles(ConvKernelRandomTest.geometry(c));
    }

    private static boolean fits(Case c) {
        return SmallPlanePointwiseConv2dKernel.fits(ConvKernelRandomTest.geometry(c));
    }
}
