package dev.hardnetzoo.densenetbaseline;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.testsupport.TestResources;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our DenseNets against the official PyTorch code (torchvision, efficient_densenet_pytorch,
 * pytorch_tiramisu) on the weights {@code hardnet init --seed} writes; see
 * src/test/resources/ref/MANIFEST.md for how the references were made. Small inputs keep
 * each case to a few seconds.
 */
class RandomWeightsParityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"densenet161, 161", "densenet169, 169", "densenet201, 201", "densenet-bc-100-k12, 100",
                "fcdensenet56, 56", "fcdensenet103, 103"})
    void matchesTheOfficialCode(String id, long seed) throws Exception {
        ModelSpec spec = ModelZoo.get(id);
        Map<String, float[]> params = RandomWeights.arrays(spec.defaultGraph(), seed);
        Tensor x = TestResources.refNpy(id + ".input.npy");
        Tensor expected = TestResources.refNpy(id + ".logits.npy");
        try (Model m = Model.of(spec, spec.defaultClasses(), params, Backends.get(Backends.DEFAULT), new BackendOptions(2))) {
            Tensor actual = m.run(x);
            Parity.assertSameOutput(actual, expected, 1e-3f);
        }
    }
}
