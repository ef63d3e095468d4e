package dev.hardnetzoo.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {
    @TempDir Path dir;

    /** conv (4 out of 3 in, 3x3, no bias) then BatchNorm, as {@code base.0.conv} / {@code base.0.norm}. */
    private static Graph graph() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 3, 8, 8));
        GraphBuilder.Value x;
        try (GraphBuilder.Scope s = b.scope("base.0")) {
            x = b.conv2d("conv", b.input(), 4, 3, 1, 1, 1, 1, false);
            x = b.batchNorm("norm", x);
        }
        return b.output(x).build();
    }

    /** A complete, valid set of tensors for {@link #graph()}. */
    private static Map<String, Tensor> valid() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        graph().params().forEach((name, spec) -> {
            float[] data = new float[(int) spec.shape().size()];
            for (int i = 0; i < data.length; i++) data[i] = 0.5f + i;
            m.put(name, new Tensor(spec.shape(), data));
        });
        return m;
    }

    private Path file(Map<String, Tensor> tensors) throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, tensors, Map.of());
        return f;
    }

    @Test
    void loadsEveryParameterInOrder() throws IOException {
        Map<String, Tensor> tensors = valid();
        tensors.put("base.0.norm.num_batches_tracked", Tensor.of(new float[] {3})); // optional, ignored
        try (Weights w = Safetensors.open(file(tensors))) {
            Map<String, float[]> loaded = ModelWeights.load(graph(), w);
            assertThat(loaded).containsOnlyKeys(graph().params().keySet());
            assertThat(loaded.keySet()).containsExactlyElementsOf(graph().params().keySet());
            assertThat(loaded.get("base.0.conv.weight")).hasSize(4 * 3 * 3 * 3).startsWith(0.5f, 1.5f);
            assertThatThrownBy(() -> loaded.put("x", new float[0])).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void optionalTensorsMayBeAbsent() {
        Map<String, float[]> loaded = ModelWeights.load(graph(), new MapWeights("mem", valid()));
        assertThat(loaded).hasSize(5);
    }

    @Test
    void reportsEveryMismatchTogether() throws IOException {
        Map<String, Tensor> tensors = valid();
        tensors.remove("base.0.norm.running_var");
        tensors.put("base.0.norm.bias", Tensor.of(new float[5], 5));
        tensors.put("head.weight", Tensor.of(new float[2], 2));
        Path f = file(tensors);
        try (Weights w = Safetensors.open(f)) {
            assertThatThrownBy(() -> ModelWeights.load(graph(), w)).isInstanceOf(WeightsException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("3 problems")
                    .hasMessageContaining("missing tensor 'base.0.norm.running_var' [4]")
                    .hasMessageContaining("'base.0.norm.bias' has shape [5], expected [4]")
                    .hasMessageContaining("unexpected tensor 'head.weight'");
        }
    }

    @Test
    void rejectsIntegerParameters() throws IOException {
        // running_mean stored as I64: the right shape, but not a float type.
        Path f = RawSafetensors.write(dir.resolve("int.safetensors"), """
                {"base.0.conv.weight":{"dtype":"F32","shape":[4,3,3,3],"data_offsets":[0,432]},
                 "base.0.norm.weight":{"dtype":"F32","shape":[4],"data_offsets":[432,448]},
                 "base.0.norm.bias":{"dtype":"F32","shape":[4],"data_offsets":[448,464]},
                 "base.0.norm.running_mean":{"dtype":"I64","shape":[4],"data_offsets":[464,496]},
                 "base.0.norm.running_var":{"dtype":"F16","shape":[4],"data_offsets":[496,504]}}""", new byte[504]);
        try (Weights w = Safetensors.open(f)) {
            assertThatThrownBy(() -> ModelWeights.load(graph(), w))
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("1 problem")
                    .hasMessageContaining("'base.0.norm.running_mean' has dtype I64");
        }
    }

    @Test
    void capsTheListOfProblems() {
        Map<String, Tensor> tensors = valid();
        for (int i = 0; i < 30; i++) tensors.put("extra." + i, Tensor.of(new float[1], 1));
        assertThatThrownBy(() -> ModelWeights.load(graph(), new MapWeights("mem", tensors)))
                .hasMessageContaining("30 problems")
                .hasMessageContaining("extra.19")
                .hasMessageNotContaining("extra.20'")
                .hasMessageContaining("and 10 more");
    }

    @Test
    void rejectsNonFiniteValues() throws IOException {
        Map<String, Tensor> tensors = valid();
        tensors.get("base.0.norm.weight").data()[2] = Float.NaN;
        Path f = file(tensors);
        try (Weights w = Safetensors.open(f)) {
            assertThatThrownBy(() -> ModelWeights.load(graph(), w)).isInstanceOf(WeightsException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("'base.0.norm.weight'")
                    .hasMessageContaining("NaN at index 2");
        }
        tensors.get("base.0.norm.weight").data()[2] = 1;
        tensors.get("base.0.conv.weight").data()[0] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> ModelWeights.load(graph(), new MapWeights("mem", tensors)))
                .hasMessageContaining("'base.0.conv.weight'").hasMessageContaining("Infinity");
    }
}
