package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import org.junit.jupiter.api.Test;

/**
 * HRNet-W18-Small-v2 ImageNet classifier against the official cls_hrnet.py (whose names timm
 * kept) as counted with PyTorch 1.13 by src/test/python/hrnet_reference.py.
 */
class HrnetClassifierTest {
    private final ModelSpec spec = ModelZoo.get("hrnet_w18_small_v2");

    @Test
    void parametersAndMacsMatchTheOfficialCode() {
        assertThat(spec.defaultGraph().parameterCount()).isEqualTo(15_597_464L);
        // Official conv MACs at 224x224: 2,593,664,864; CostReport adds the 2048x1000 linear layer.
        assertThat(CostReport.of(spec.defaultGraph()).macs()).isEqualTo(2_593_664_864L + 2048L * 1000);
    }

    @Test
    void stateDictNamesAndShapesAreTheOfficialOnes() {
        assertThat(RefResources.stateDict(spec.defaultGraph()))
                .containsExactlyElementsOf(RefResources.stateDict("hrnet_w18_small_v2.state_dict.txt"));
    }

    @Test
    void isAnImageNetClassifierWithTimmPreprocessing() {
        assertThat(spec.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(spec.defaultClasses()).isEqualTo(1000);
        assertThat(spec.labels()).hasSize(1000);
        assertThat(spec.preprocessing()).isEqualTo(Preprocessing.imagenet());
        assertThat(spec.classCountTensor()).isEqualTo("classifier.weight");
        Graph graph = spec.architecture().build(Shape.nchw(2, 3, 64, 96), 10);
        assertThat(graph.node(graph.outputs().get(0)).shape()).isEqualTo(Shape.of(2, 10));
    }

    @Test
    void sizesThatAreNotMultiplesOf32AreRefusedByName() {
        assertThatThrownBy(() -> spec.architecture().build(Shape.nchw(1, 3, 200, 224), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiples of 32")
                .hasMessageContaining("200x224");
    }
}
