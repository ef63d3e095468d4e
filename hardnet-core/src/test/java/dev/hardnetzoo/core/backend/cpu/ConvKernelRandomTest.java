package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conv path against a naive reference, on 1 and 3 threads, with strided input and output
 * slices; GEMM convs both on the Vector API kernels (when the JVM has jdk.incubator.vector, as
 * surefire's argLine gives it) and on the plain-Java fallback.
 */
class ConvKernelRandomTest {
    private static final ThreadPoolParallel THREE = new ThreadPoolParallel(3);
    private static final float SENTINEL = 12345f;

    @AfterAll
    static void close() {
        THREE.close();
    }

    /** n, inC, h, w, outC, kH, kW, sH, sW, pH, pW, dilation, groups. */
    record Case(String name, int n, int inC, int h, int w, int outC, int kH, int kW, int sH, int sW,
                int pH, int pW, int d, int groups) {
        @Override public String toString() { return name; }

        /** A one-group 1x1 conv, stride 1, no padding. */
        static Case pointwise(String name, int n, int inC, int h, int w, int outC) {
            return new Case(name, n, inC, h, w, outC, 1, 1, 1, 1, 0, 0, 1, 1);
        }
    }

    static Stream<Arguments> cases() {
        Case[] cases = {
            new Case("pointwise", 1, 7, 9, 11, 10, 1, 1, 1, 1, 0, 0, 1, 1),
            new Case("pointwise, deep, wide plane", 2, 300, 12, 13, 6, 1, 1, 1, 1, 0, 0, 1, 1),
            new Case("pointwise grouped", 2, 8, 5, 6, 12, 1, 1, 1, 1, 0, 0, 1, 4),
            new Case("pointwise strided", 1, 5, 7, 9, 6, 1, 1, 2, 2, 0, 0, 1, 1),
            new Case("3x3 padded", 2, 5, 13, 17, 9, 3, 3, 1, 1, 1, 1, 1, 1),
            new Case("3x3 deep (depth chunks)", 1, 120, 9, 14, 7, 3, 3, 1, 1, 1, 1, 1, 1),
            new Case("3x3 stride 2", 2, 6, 15, 12, 8, 3, 3, 2, 2, 1, 1, 1, 1),
            new Case("3x3 stride 2, rows wider than two vectors", 1, 3, 9, 75, 5, 3, 3, 2, 2, 1, 1, 1, 1),
            // Output rows of a micro-kernel strip or more (16 pixels with AVX2, 32 with AVX-512): TapRows.
            new Case("7x7 stride 2 stem on TapRows, batch 2", 2, 3, 9, 75, 9, 7, 7, 2, 2, 3, 3, 1, 1),
            new Case("5x3 stride 2 on TapRows, padding (2, 0), odd width", 1, 2, 13, 77, 11, 5, 3, 2, 2, 2, 0, 1, 1),
            new Case("3x3 stride 2 on TapRows, deeper than a GEMM depth chunk", 1, 120, 5, 70, 7, 3, 3, 2, 2, 1, 1, 1, 1),
            new Case("3x3 stride 2 on TapRows, rows of 66", 1, 3, 6, 131, 5, 3, 3, 2, 2, 1, 1, 1, 1),
            // Over TapRows' 4 MiB (482 x 3 x 3 x 250 floats): the per-tile im2col rows instead.
            new Case("3x3 stride 2 stem too large to lay out once", 1, 3, 480, 500, 4, 3, 3, 2, 2, 1, 1, 1, 1),
            new Case("3x3 dilation 2", 1, 4, 11, 10, 5, 3, 3, 1, 1, 2, 2, 2, 1),
            new Case("rectangular 3x1 stride (2,1)", 2, 3, 10, 7, 4, 3, 1, 2, 1, 1, 0, 1, 1),
            new Case("7x7 stride 2 stem", 1, 3, 23, 21, 8, 7, 7, 2, 2, 3, 3, 1, 1),
            new Case("7x7 stride 2 stem, even width, batch 2", 2, 3, 20, 38, 9, 7, 7, 2, 2, 3, 3, 1, 1),
            new Case("5x3 stride 2, padding (2, 0), odd width", 1, 2, 13, 19, 11, 5, 3, 2, 2, 2, 0, 1, 1),
            new Case("grouped 3x3", 2, 8, 9, 9, 6, 3, 3, 1, 1, 1, 1, 1, 2),
            new Case("depthwise 3x3", 2, 6, 10, 13, 6, 3, 3, 1, 1, 1, 1, 1, 6),
            new Case("depthwise 5x5 stride 2", 1, 5, 17, 12, 5, 5, 5, 2, 2, 2, 2, 1, 5),
            new Case("depthwise dilated", 1, 3, 9, 9, 3, 3, 3, 1, 1, 2, 2, 2, 3),
            new Case("channelwise multiplier 2", 2, 3, 8, 7, 6, 3, 3, 1, 1, 1, 1, 1, 3),
            new Case("kernel larger than input", 1, 2, 3, 2, 3, 5, 5, 1, 1, 2, 2, 1, 1),
            new Case("tiny late layer", 1, 32, 2, 2, 21, 3, 3, 1, 1, 1, 1, 1, 1),
            // Register-block tails: channel counts off the 8-row block, planes off the 32-pixel strip and 128-pixel tile.
            new Case("3x3 row and pixel tails, several tiles", 3, 5, 19, 21, 13, 3, 3, 1, 1, 1, 1, 1, 1),
            new Case("pointwise deep chunks, tails", 1, 1100, 11, 13, 17, 1, 1, 1, 1, 0, 0, 1, 1),
            new Case("pointwise deep 7x7, one-vector pixel tail", 1, 300, 7, 7, 20, 1, 1, 1, 1, 0, 0, 1, 1),
            new Case("pointwise one channel out", 2, 3, 16, 16, 1, 1, 1, 1, 1, 0, 0, 1, 1),
            new Case("grouped 3 per group, strided", 2, 6, 14, 15, 9, 3, 3, 2, 2, 1, 1, 1, 3),
            // Stride-2 im2col rows wider than a vector: gathered on the Vector API, the tail one by one.
            new Case("3x3 stride 2 wide rows", 2, 3, 9, 75, 10, 3, 3, 2, 2, 1, 1, 1, 1),
            new Case("pointwise stride 2 wide rows", 1, 4, 6, 70, 5, 1, 1, 2, 2, 0, 0, 1, 1),
            new Case("3x3 dilated wide, exact strips", 1, 3, 8, 64, 8, 3, 3, 1, 1, 2, 2, 2, 1),
            // 3x3 stride-1 planes for Winograd (when Conv3x3Choice picks it; WinogradKernelTest forces each variant).
            new Case("winograd odd plane, row tail", 2, 64, 13, 15, 19, 3, 3, 1, 1, 1, 1, 1, 1),
            new Case("winograd unpadded, several chunks", 1, 70, 22, 19, 16, 3, 3, 1, 1, 0, 0, 1, 1),
            new Case("winograd 7x7 plane, one vector of tiles", 2, 72, 7, 7, 20, 3, 3, 1, 1, 1, 1, 1, 1),
            // Channel-wise rows wider than a vector: interior vectors plus edge and tail columns.
            new Case("depthwise 3x3 wide rows", 2, 4, 6, 53, 4, 3, 3, 1, 1, 1, 1, 1, 4),
            new Case("depthwise 5x5 dilated wide, multiplier 2", 1, 2, 9, 40, 4, 5, 5, 1, 1, 4, 4, 2, 2),
            new Case("depthwise unpadded, exactly two vectors", 1, 3, 5, 34, 3, 3, 3, 1, 1, 0, 0, 1, 3),
        };
        return Stream.of(cases).flatMap(c -> Stream.of(true, false)
                .filter(vector -> !vector || VectorSupport.AVAILABLE)
                .flatMap(vector -> Stream.of(Arguments.of(c, 1, vector), Arguments.of(c, 3, vector))));
    }

    @ParameterizedTest(name = "{0}, {1} thread(s), vector {2}")
    @MethodSource("cases")
    void matchesNaiveReference(Case c, int threads, boolean vector) {
        Activation act = c.name().hashCode() % 2 == 0 ? Activation.RELU : Activation.NONE;
        assertMatchesReference(c, act, threads == 1 ? KernelTesting.SERIAL : THREE, vector);
    }

    /**
     * Runs case {@code c} (twice, between channel slices of a sentinel-filled arena) and checks the
     * output against {@link #reference} and that nothing outside the output slice was written.
     *
     * @return the kernel that ran
     */
    static Conv2dKernel assertMatchesReference(Case c, Activation act, Parallel par, boolean vector) {
        return assertMatchesReference(c, act, par, (op, in, out, w, b) -> Conv2dKernel.create(op, in, out, w, b, vector));
    }

    /**
     * Checks that the Vector API kernel {@link Conv2dKernel#create} picks for case {@code c} is a
     * {@code kernelClass} and matches the reference, on one thread or on {@code pool}.
     */
    static void assertPicksAndMatches(Case c, Activation act, int threads, Parallel pool,
                                      Class<? extends Conv2dKernel> kernelClass) {
        assumeTrue(VectorSupport.AVAILABLE, "the Vector API module is not loaded");
        Conv2dKernel kernel = assertMatchesReference(c, act, threads == 1 ? KernelTesting.SERIAL : pool, true);
        assertThat(kernel).isInstanceOf(kernelClass);
    }

    /** Makes the kernel under test for a conv, its shapes, weights and bias. */
    @FunctionalInterface
    interface KernelFactory {
        Conv2dKernel make(Op.Conv2d op, Shape in, Shape out, float[] weight, float[] bias);
    }

    /** As {@link #assertMatchesReference(Case, Activation, Parallel, boolean)} with the kernel {@code factory} makes. */
    static Conv2dKernel assertMatchesReference(Case c, Activation act, Parallel par, KernelFactory factory) {
        Random rnd = new Random(c.name().hashCode());
        Shape in = inShape(c);
        Shape out = outShape(c);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] weight = KernelTesting.random(rnd, c.outC() * c.inC() / c.groups() * c.kH() * c.kW());
        float[] bias = KernelTesting.random(rnd, c.outC());
        Op.Conv2d op = op(c, act);

        // Input read from channels 2.. of a buffer with 3 extra channels; output written likewise.
        int inBuf = (int) in.size() / c.inC() * (c.inC() + 3);
        int outBuf = (int) out.size() / c.outC() * (c.outC() + 3);
        float[] arena = new float[5 + inBuf + outBuf];
        java.util.Arrays.fill(arena, SENTINEL);
        Slice inSlice = KernelTesting.channelSlice(5, in, c.inC() + 3, 2);
        Slice outSlice = KernelTesting.channelSlice(5 + inBuf, out, c.outC() + 3, 1);
        KernelTesting.write(arena, inSlice, x);

        Conv2dKernel kernel = factory.make(op, in, out, weight, bias);
        kernel.run(arena, inSlice, outSlice, par);
        kernel.run(arena, inSlice, outSlice, par); // a second run must not accumulate onto the first

        float[] expected = reference(x, in, op, out, weight, bias);
        float[] actual = KernelTesting.read(arena, outSlice);
        // Winograd F(4x4)'s transforms err by a few ulps of the output's scale, not of each element.
        float scale = 0;
        for (float e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            float tolerance = Math.max(1e-4f * Math.max(1f, Math.abs(expected[i])), 2e-5f * scale);
            assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tolerance));
        }
        // Everything outside the output slice is untouched.
        float[] check = arena.clone();
        KernelTesting.write(check, outSlice, new float[expected.length]);
        KernelTesting.write(check, inSlice, new float[x.length]);
        for (int i = 0; i < check.length; i++) {
            if (check[i] != 0f) assertThat(check[i]).as("arena[%d]", i).isEqualTo(SENTINEL);
        }
        return kernel;
    }

    /** The kernel geometry of case {@code c}. */
    static ConvGeometry geometry(Case c) {
        return ConvGeometry.of(op(c, Activation.NONE), inShape(c), outShape(c));
    }

    static Op.Conv2d op(Case c, Activation act) {
        return new Op.Conv2d(c.outC(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(), c.d(), c.d(),
                c.groups(), "w", "b", null, act);
    }

    static Shape inShape(Case c) {
        return Shape.nchw(c.n(), c.inC(), c.h(), c.w());
    }

    static Shape outShape(Case c) {
        int oh = (c.h() + 2 * c.pH() - c.d() * (c.kH() - 1) - 1) / c.sH() + 1;
        int ow = (c.w() + 2 * c.pW() - c.d() * (c.kW() - 1) - 1) / c.sW() + 1;
        return Shape.nchw(c.n(), c.outC(), oh, ow);
    }

    /** Each case with every activation, on 1 and on 3 threads: arguments (case, activation, threads). */
    static Stream<Arguments> everyActivationOnOneAndThreeThreads(Case[] cases) {
        return Stream.of(cases).flatMap(c -> Stream.of(Activation.values())
                .flatMap(act -> Stream.of(Arguments.of(c, act, 1), Arguments.of(c, act, 3))));
    }

    /** The definition: seven nested loops over n, oc, oy, ox, ic, ky, kx. */
    static float[] reference(float[] x, Shape in, Op.Conv2d op, Shape out, float[] w, float[] b) {
        int icPerG = in.c() / op.groups();
        int ocPerG = op.outChannels() / op.groups();
        float[] y = new float[(int) out.size()];
        for (int n = 0; n < out.n(); n++)
            for (int oc = 0; oc < out.c(); oc++)
                for (int oy = 0; oy < out.h(); oy++)
                    for (int ox = 0; ox < out.w(); ox++) {
                        double sum = b[oc];
                        int g = oc / ocPerG;
                        for (int ic = 0; ic < icPerG; ic++)
                            for (int ky = 0; ky < op.kernelH(); ky++)
                                for (int kx = 0; kx < op.kernelW(); kx++) {
                                    int iy = oy * op.strideH() - op.padH() + ky * op.dilationH();
                                    int ix = ox * op.strideW() - op.padW() + kx * op.dilationW();
                                    if (iy < 0 || iy >= in.h() || ix < 0 || ix >= in.w()) continue;
                                    float v = x[((n * in.c() + g * icPerG + ic) * in.h() + iy) * in.w() + ix];
                                    sum += v * w[((oc * icPerG + ic) * op.kernelH() + ky) * op.kernelW() + kx];
                                }
                        y[((n * out.c() + oc) * out.h() + oy) * out.w() + ox] = op.activation().apply((float) sum);
                    }
        return y;
    }
}
