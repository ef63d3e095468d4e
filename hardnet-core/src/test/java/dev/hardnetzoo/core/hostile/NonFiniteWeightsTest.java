package dev.hardnetzoo.core.hostile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.WeightsException;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A weights file that parses but holds NaN or infinite values is refused when loaded, naming the tensor. */
class NonFiniteWeightsTest {

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void isRefusedNamingTheTensorAndTheValue(float bad, @TempDir Path tmp) throws Exception {
        ModelSpec spec = ModelZoo.get("hardnet39ds");
        Map<String, Tensor> tensors = new LinkedHashMap<>(RandomWeights.generate(spec.defaultGraph(), 7));
        String victim = tensors.keySet().stream().filter(k -> k.endsWith("conv.weight")).skip(3).findFirst().orElseThrow();
        tensors.get(victim).data()[5] = bad;
        Path file = tmp.resolve("poisoned.safetensors");
        Safetensors.write(file, tensors, Map.of("model", spec.id()));
        assertThatThrownBy(() -> ModelZoo.load(spec.id(), file)).isInstanceOf(WeightsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(victim)
                .hasMessageContaining("non-finite value " + bad).hasMessageContaining("index 5");
    }
}
