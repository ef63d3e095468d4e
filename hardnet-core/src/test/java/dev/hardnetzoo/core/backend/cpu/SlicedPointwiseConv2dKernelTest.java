package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case.pointwise;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case;
import dev.hardnetzoo.core.graph.Activation;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-place, depth-sliced 1x1 conv against the naive reference: depths of one and of several
 * uneven slices, planes that are and are not whole pixel groups (the last group moved back over
 * its neighbour), a plane of exactly one group, whole and partial channel blocks, batch 2, every
 * activation, on 1 and 3 threads.
 */
class SlicedPointwiseConv2dKernelTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    static Stream<Arguments> cases() {
        int block = SlicedPointwiseConv2dKernel.BLOCK;
        Case[] cases = {
            pointwise("7x7, DenseNet's deepest bottleneck: 8 slices", 1, 992, 7, 7, 4 * block),
            pointwise("7x7, 3 uneven slices, last group moved back, batch 2", 2, 300, 7, 7, 3 * block),
            pointwise("7x7, one slice, partial last block", 1, 256, 7, 7, 8 * block - 2),
            pointwise("3x4, one or two groups", 2, 260, 3, 4, 2 * block),
            pointwise("6x6, 2 slices", 1, 257, 6, 6, 3 * block),
            pointwise("7x7, 16 blocks, the last partial", 1, 300, 7, 7, 16 * block - 8),
        };
        return ConvKernelRandomTest.everyActivationOnOneAndThreeThreads(cases);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} thread(s)")
    @MethodSource("cases")
    void matchesNaiveReference(Case c, Activation act, int threads) {
        ConvKernelRandomTest.assertPicksAndMatches(c, act, threads, THREE, SlicedPointwiseConv2dKernel.class);
    }

    @Test
    void leavesShallowWideLargeAndOddConvsToTheOtherKernels() {
        int block = SlicedPointwiseConv2dKernel.BLOCK;
        int deep = SlicedPointwiseConv2dKernel.MIN_DEPTH;
        assertThat(handles(pointwise("shallow", 1, deep - 1, 7, 7, 4 * block))).isFalse();
        assertThat(handles(pointwise("wide", 1, deep, 7, 7, SlicedPointwiseConv2dKernel.MAX_OUT + block))).isFalse();
        assertThat(handles(pointwise("one block", 1, deep, 7, 7, block))).isFalse();
        assertThat(handles(pointwise("over the largest plane", 1, deep, 1, SlicedPointwiseConv2dKernel.MAX_PLANE + 1, 4 * block))).isFalse();
        assertThat(handles(pointwise("under one group", 1, deep, 1, SlicedPointwiseConv2dKernel.PIXELS - 1, 4 * block))).isFalse();
        assertThat(handles(pointwise("channels far off the block", 1, deep, 7, 7, 2 * block + 6))).isFalse();
        assertThat(handles(new Case("grouped", 1, deep, 7, 7, 4 * block, 1, 1, 1, 1, 0, 0, 1, 2))).isFalse();
        assertThat(handles(new Case("3x3", 1, deep, 7, 7, 4 * block, 3, 3, 1, 1, 1, 1, 1, 1))).isFalse();
        assertThat(handles(pointwise("DenseNet-121's 14x14 bottleneck", 1, 512, 14, 14, 128)))
                .as("14x14 only with 32 vector registers").isEqualTo(VectorGemm.REGISTERS >= 32);
        assertThat(handles(pointwise("DenseNet-121's 7x7 bottleneck", 1, 512, 7, 7, 128))).isTrue();
        assertThat(handles(pointwise("DenseNet-121's last transition, pooled first", 1, 1024, 7, 7, 512))).isTrue();
    }

    private static boolean handles(Case c) {
        return SlicedPointwiseConv2dKernel.handles(ConvKernelRandomTest.geometry(c));
    }
}
