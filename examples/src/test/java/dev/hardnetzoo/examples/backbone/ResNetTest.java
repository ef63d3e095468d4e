package dev.hardnetzoo.examples.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import dev.hardnetzoo.core.testsupport.TestResources;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The add-a-backbone example: torchvision's ResNets joined the zoo through ServiceLoader, exact and equal to PyTorch. */
class ResNetTest {

    @ParameterizedTest
    @CsvSource({"resnet18, 11689512, 1.814", "resnet50, 25557032, 4.089"})
    void registeredWithTorchvisionsExactParameterCountAndMacs(String id, long params, double gmacs) {
        ModelSpec spec = ModelZoo.get(id);
        assertThat(spec.task()).isEqualTo(Task.CLASSIFICATION);
        Graph graph = spec.defaultGraph();
        assertThat(graph.parameterCount()).isEqualTo(params);
        assertThat(dev.hardnetzoo.core.plan.CostReport.of(graph).macs() / 1e9).isCloseTo(gmacs, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void namesAreTorchvisionsStateDictKeys() {
        assertThat(ModelZoo.get("resnet50").defaultGraph().params().keySet())
                .startsWith("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                        "layer1.0.conv1.weight")
                .contains("layer1.0.downsample.0.weight", "layer2.0.downsample.1.running_var", "layer4.2.bn3.bias")
                .endsWith("fc.weight", "fc.bias")
                .hasSize(267);
        assertThat(ModelZoo.get("resnet18").defaultGraph().params().keySet())
                .contains("layer2.0.downsample.0.weight", "layer4.1.conv2.weight")
                .doesNotContain("layer1.0.downsample.0.weight")
                .hasSize(102);
    }

    @ParameterizedTest
    @CsvSource({"resnet18", "resnet50"})
    void matchesTorchvisionOnTheSameRandomWeights(String id) throws Exception {
        ModelSpec spec = ModelZoo.get(id);
        // The weights `hardnet init ID --seed 7 --classes 10` writes, as the reference was made with.
        Map<String, float[]> weights = RandomWeights.arrays(spec.architecture().build(Shape.nchw(1, 3, 224, 224), 10), 7);
        Tensor input = TestResources.refNpy("resnet.input.npy");
        try (Model model = Model.of(spec, 10, weights, Backends.get(Backends.DEFAULT), new BackendOptions(2))) {
            Parity.assertClose(model.run(input), TestResources.refNpy(id + ".logits.npy"), 1e-3f);
        }
    }
}
