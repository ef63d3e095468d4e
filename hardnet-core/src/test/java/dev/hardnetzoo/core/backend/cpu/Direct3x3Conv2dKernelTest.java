package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.cpu.ConvKernelRandomTest.Case;
import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct 3x3 conv against the definition: whole and partial channel blocks, pixel groups that
 * span padded rows and end past the plane, planes narrower than a group, padding 0 to 2, batch 2,
 * every activation, 1 and 3 threads (bands of rows per task, or blocks x groups for large
 * weights), reading and writing channel slices of larger buffers (nothing outside touched).
 */
class Direct3x3Conv2dKernelTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);

    @AfterAll
    static void close() {
        THREE.close();
    }

    private static Case conv3x3(String name, int n, int inC, int h, int w, int outC, int pad) {
        return new Case(name, n, inC, h, w, outC, 3, 3, 1, 1, pad, pad, 1, 1);
    }

    static Stream<Arguments> cases() {
        Case[] cases = {
            conv3x3("7x7, partial narrow block", 1, 3, 7, 7, 5, 1),
            conv3x3("groups spanning rows", 2, 17, 13, 15, 32, 1),
            conv3x3("28x28, a wide and a narrow block", 1, 40, 28, 28, 33, 1),
            conv3x3("unpadded", 1, 9, 5, 6, 70, 0),
            conv3x3("1x1 plane", 2, 6, 1, 1, 16, 1),
            conv3x3("14x14, several depth slices", 1, 130, 14, 14, 32, 1),
            conv3x3("padding 2, wide rows", 1, 5, 3, 40, 7, 2),
            conv3x3("56x56, one narrow block", 2, 8, 56, 56, 14, 1),
            conv3x3("weights too large for bands", 1, 300, 9, 10, 128, 1),
        };
        return ConvKernelRandomTest.everyActivationOnOneAndThreeThreads(cases);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} thread(s)")
    @MethodSource("cases")
    void matchesTheDefinition(Case c, Activation act, int threads) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        ConvKernelRandomTest.assertMatchesReference(c, act, threads == 1 ? KernelTesting.SERIAL : THREE,
                (op, in, out, w, b) -> new Direct3x3Conv2dKernel(ConvGeometry.of(op, in, out), w, b, op.activation()));
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
