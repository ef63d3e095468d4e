package dev.hardnetzoo.densenetbaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Architecture facts: torchvision's own parameter counts, the published MACs and the HarDNet paper's CIO. */
class DenseNetArchitectureTest {

    @ParameterizedTest
    @CsvSource({"densenet121, 7978856, 2.834", "densenet161, 28681000, 7.728",
                "densenet169, 14149480, 3.36", "densenet201, 20013928, 4.291"})
    void parameterCountsAndMacsMatchTorchvision(String id, long params, double gmacs) {
        CostReport cost = CostReport.of(ModelZoo.get(id).defaultGraph());
        assertThat(cost.params()).isEqualTo(params);
        assertThat(cost.macs() / 1e9).isCloseTo(gmacs, Percentage.withPercentage(1));
    }

    @Test
    void densenet121CioIsCloseToThePapers() {
        CostReport cost = CostReport.of(ModelZoo.get("densenet121").defaultGraph());
        assertThat(cost.cio()).isEqualTo(21_864_192L); // the HarDNet paper rounds it to 21.9 M
    }

    @Test
    void namesAreTorchvisionStateDictKeys() {
        Graph g = DenseNet.build(DenseNet.DENSENET121, Shape.nchw(1, 3, 224, 224), 1000);
        assertThat(g.params().keySet()).startsWith("features.conv0.weight", "features.norm0.weight");
        assertThat(g.params()).containsKeys("features.denseblock1.denselayer1.norm1.running_var",
                "features.denseblock1.denselayer6.conv2.weight", "features.transition3.conv.weight",
                "features.denseblock4.denselayer16.conv1.weight", "features.norm5.bias", "classifier.bias");
        assertThat(g.params().get("features.denseblock2.denselayer12.conv1.weight").shape())
                .isEqualTo(Shape.of(128, 128 + 11 * 32, 1, 1));
        assertThat(g.params().get("features.transition1.conv.weight").shape()).isEqualTo(Shape.of(128, 256, 1, 1));
        assertThat(g.params().get("classifier.weight").shape()).isEqualTo(Shape.of(1000, 1024));
    }

    @Test
    void legacyCheckpointKeysAreRenamedAsTorchvisionDoes() {
        assertThat(DenseNet.officialKey("features.denseblock1.denselayer1.norm.1.weight"))
                .isEqualTo("features.denseblock1.denselayer1.norm1.weight");
        assertThat(DenseNet.officialKey("features.denseblock4.denselayer16.conv.2.weight"))
                .isEqualTo("features.denseblock4.denselayer16.conv2.weight");
        assertThat(DenseNet.officialKey("features.denseblock3.denselayer2.norm.2.running_mean"))
                .isEqualTo("features.denseblock3.denselayer2.norm2.running_mean");
        assertThat(DenseNet.officialKey("features.denseblock1.denselayer4.norm.1.num_batches_tracked"))
                .isEqualTo("features.denseblock1.denselayer4.norm1.num_batches_tracked");
        assertThat(DenseNet.officialKey("features.transition1.norm.weight")).isEqualTo("features.transition1.norm.weight");
        assertThat(DenseNet.officialKey("features.denseblock1.denselayer1.norm1.weight"))
                .isEqualTo("features.denseblock1.denselayer1.norm1.weight");
        assertThat(ModelZoo.get("densenet169").checkpointKeys().apply("features.denseblock2.denselayer3.conv.1.weight"))
                .isEqualTo("features.denseblock2.denselayer3.conv1.weight");
    }

    @Test
    void cifarDenseNetBcHasEfficientDensenetNamesAndShapes() {
        Graph g = ModelZoo.get("densenet-bc-100-k12").defaultGraph();
        assertThat(g.params().keySet()).startsWith("features.conv0.weight", "features.denseblock1.denselayer1.norm1.weight");
        assertThat(g.params().get("features.conv0.weight").shape()).isEqualTo(Shape.of(24, 3, 3, 3));
        // 24 + 16 * 12 = 216 channels, compressed to 108; 108 + 192 = 300 -> 150; 150 + 192 = 342
        assertThat(g.params().get("features.transition1.conv.weight").shape()).isEqualTo(Shape.of(108, 216, 1, 1));
        assertThat(g.params().get("features.transition2.conv.weight").shape()).isEqualTo(Shape.of(150, 300, 1, 1));
        assertThat(g.params().get("features.norm_final.weight").shape()).isEqualTo(Shape.of(342));
        assertThat(g.params().get("classifier.weight").shape()).isEqualTo(Shape.of(10, 342));
        assertThat(g.nodes().get(g.outputs().get(0)).shape()).isEqualTo(Shape.of(1, 10));
        // PyTorch's sum(p.numel()) for efficient_densenet_pytorch's model and for an independent build: the paper's 0.8 M
        assertThat(g.parameterCount()).isEqualTo(769_162L);
    }

    @Test
    void tooSmallInputNamesTheLayer() {
        assertThatThrownBy(() -> DenseNet.build(DenseNet.DENSENET121, Shape.nchw(1, 3, 8, 8), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features.");
    }
}
