package dev.hardnetzoo.examples.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model on the tornado backend against the CPU backend: random weights, a small batch
 * of 2 (1 for models whose smallest input is over 256 pixels), every output within float32 tolerance and the same argmax wherever the CPU's choice is
 * clear. Runs when the backend is built (Maven profile tornadovm, i.e. TORNADOVM_HOME set) and a
 * device is there; otherwise each case is reported as skipped with the reason.
 */
@Tag("slow") // a whole network compiles to one kernel per layer: minutes per model on PoCL
class TornadoParityTest {
    private static final float TOLERANCE = 2e-3f;
    private static final int SIDE = 64;
    private static final int LARGE_SIDE = 256;
    private static Backend tornado;
    private static Backend cpu;

    /** Each case checks for itself, so that a missing SDK shows as skipped cases with the reason (a failed @BeforeAll assumption is reported as no tests at all). */
    private static void requireTornado() {
        if (tornado != null) return;
        Optional<Backend> found = Backends.all().stream().filter(b -> b.name().equals("tornado")).findFirst();
        assumeTrue(found.isPresent(), "the tornado backend is not built here: it needs the TornadoVM SDK "
                + "(TORNADOVM_HOME set, JDK 25), which activates the Maven profile tornadovm");
        Optional<String> why = found.get().unavailableReason();
        assumeTrue(why.isEmpty(), () -> "the tornado backend cannot run here: " + why.orElse(""));
        tornado = found.get();
        cpu = Backends.get("cpu");
    }

    /** Every zoo model, or the comma-separated ids in -Dhardnet.parity.models (slow devices, quick checks). */
    static Stream<String> models() {
        String only = System.getProperty("hardnet.parity.models", "");
        if (!only.isBlank()) return Stream.of(only.split(",")).map(String::strip);
        return ModelZoo.list().stream().map(ModelSpec::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void matchesCpu(String id) {
        requireTornado();
        ModelSpec spec = ModelZoo.get(id);
        int side = Math.max(SIDE, spec.minInputSize());
        // Batch 2 checks the batch strides; models that need big inputs (the SSDs) run one image to stay within minutes.
        int batch = side > LARGE_SIDE ? 1 : 2;
        Shape input = Shape.nchw(batch, spec.defaultInput().c(), side, side);
        Graph graph = spec.architecture().build(input, spec.defaultClasses());
        Outputs outputs = runBoth(graph, randomInput(input));
        for (int i = 0; i < outputs.expected().size(); i++) {
            assertSameClearArgmax(outputs.actual().get(i), outputs.expected().get(i));
        }
    }

    /** A channel-wise conv (depthwise, or channel multiplier 2) with folded BN and ReLU, on a non-square batch of 2. */
    record Channelwise(int side, int kernel, int stride, int padding, int dilation, int multiplier) {
        @Override
        public String toString() {
            return side + "x" + (side + 3) + " k" + kernel + " s" + stride + " p" + padding + " d" + dilation + " x" + multiplier;
        }
    }

    /**
     * The tiled depthwise kernel's cases: 16x16 and 8x8 tiles, stride 2, dilation, a channel
     * multiplier, a patch too big for the 16x16 tile, and one with too many taps for the tiled kernel.
     */
    static Stream<Channelwise> channelwiseConvs() {
        return Stream.of(
                new Channelwise(37, 3, 1, 1, 1, 1),
                new Channelwise(37, 3, 2, 1, 1, 1),
                new Channelwise(37, 5, 1, 4, 2, 1),
                new Channelwise(37, 3, 2, 1, 1, 2),
                new Channelwise(37, 3, 2, 6, 6, 1),
                new Channelwise(7, 3, 1, 1, 1, 1),
                new Channelwise(11, 3, 2, 0, 1, 2),
                new Channelwise(20, 9, 1, 4, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channelwiseConvs")
    void channelwiseConvMatchesCpu(Channelwise conv) {
        requireTornado();
        int channels = 6;
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, channels, conv.side(), conv.side() + 3));
        var y = b.conv2d("conv", b.input(), channels * conv.multiplier(), conv.kernel(), conv.stride(), conv.padding(),
                conv.dilation(), channels, true);
        y = b.relu("relu", b.batchNorm("bn", y));
        Graph graph = b.output(y).build();
        runBoth(graph, randomInput(graph.inputShape()));
    }

    /**
     * Split-K (on by default only on GPUs, forced here): two 3x3 convs with 96-deep inputs on a
     * 7x9 plane cut their reductions into 6 and write into their slices of a concat (batch stride
     * past the slice), then a 1x1 conv that is not split reads the concat.
     */
    @Test
    void splitKMatchesCpu() {
        requireTornado();
        GraphBuilder b = new GraphBuilder(Shape.nchw(2, 96, 7, 9));
        var left = b.relu("left_relu", b.batchNorm("left_bn", b.conv2d("left", b.input(), 40, 3, 1, 1, 1, 1, true)));
        var right = b.conv2d("right", b.input(), 24, 3, 1, 1, 1, 1, false);
        var joined = b.concat("joined", List.of(left, right));
        Graph graph = b.output(b.conv2d("mix", joined, 130, 1, 1, 0, 1, 1, true)).build();
        System.setProperty("hardnet.tornado.splitK", "1024");
        try {
            runBoth(graph, randomInput(graph.inputShape()));
        } finally {
            System.clearProperty("hardnet.tornado.splitK");
        }
    }

    record Outputs(List<Tensor> expected, List<Tensor> actual) {}

    /** Runs the optimised graph with random weights on both backends and checks every output is within tolerance (and tornado's second run equals its first). */
    private static Outputs runBoth(Graph graph, Tensor x) {
        Map<String, float[]> params = new HashMap<>();
        RandomWeights.generate(graph, 7).forEach((name, t) -> params.put(name, t.data()));
        Graph optimised = Passes.optimize(graph);
        List<Tensor> expected;
        try (Executable e = cpu.compile(optimised, params, BackendOptions.defaults())) {
            expected = e.run(x);
        }
        List<Tensor> actual;
        try (Executable e = tornado.compile(optimised, params, BackendOptions.defaults())) {
            actual = e.run(x);
            List<Tensor> again = e.run(x); // device-resident state must not leak between runs
            for (int i = 0; i < actual.size(); i++) Parity.assertClose(again.get(i), actual.get(i), 1e-6f);
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) Parity.assertClose(actual.get(i), expected.get(i), TOLERANCE);
        return new Outputs(expected, actual);
    }

    /** Same argmax over channels at every position where the CPU's top two differ by more than the tolerance. */
    private static void assertSameClearArgmax(Tensor actual, Tensor expected) {
        if (expected.shape().rank() < 2 || expected.shape().c() < 2) return;
        int[] a = Parity.argmaxOverChannels(actual);
        int[] e = Parity.argmaxOverChannels(expected);
        float scale = 0;
        for (float v : expected.data()) scale = Math.max(scale, Math.abs(v));
        int c = expected.shape().c();
        int plane = (int) (expected.shape().perItem() / c);
        int clear = 0;
        for (int p = 0; p < e.length; p++) {
            int item = p / plane;
            int pixel = p % plane;
            float best = expected.data()[(item * c + e[p]) * plane + pixel];
            float second = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                if (k != e[p]) second = Math.max(second, expected.data()[(item * c + k) * plane + pixel]);
            }
            if (best - second > 2 * TOLERANCE * scale) {
                clear++;
                assertThat(a[p]).as("argmax at position %d", p).isEqualTo(e[p]);
            }
        }
        assertThat(clear).as("positions with a clear argmax").isPositive();
    }

    private static Tensor randomInput(Shape shape) {
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(11);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }
}
