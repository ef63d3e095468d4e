package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizes against the official seg_hrnet.py (pytorch-v1.1) as counted with PyTorch 1.13 by
 * src/test/python/hrnet_reference.py: parameters (19 classes) and conv MACs at 1024x2048,
 * counted as output elements x input channels per group x kernel area, conv layers only
 * (which is what CostReport counts: conv + linear MACs, and HRNetV2 has no linear layer).
 */
class HrnetArchitectureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hrnetv2-w18-small-v2, 3939579",
        "hrnetv2-w18, 9641119",
        "hrnetv2-w48, 65859379",
    })
    void parameterCountsMatchTheOfficialCode(String id, long params) {
        assertThat(ModelZoo.get(id).defaultGraph().parameterCount()).isEqualTo(params);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hrnetv2-w18-small-v2, 76856885248",
        "hrnetv2-w18, 147401048064",
        "hrnetv2-w48, 747513053184",
    })
    void convMacsAtCityscapesResolutionMatchTheOfficialCode(String id, long macs) {
        CostReport cost = CostReport.of(ModelZoo.get(id).architecture().build(Shape.nchw(1, 3, 1024, 2048), 19));
        assertThat(cost.macs()).isEqualTo(macs);
    }

    @Test
    void stateDictNamesAndShapesAreTheOfficialOnes() {
        Graph graph = ModelZoo.get("hrnetv2-w18-small-v2").defaultGraph();
        assertThat(RefResources.stateDict(graph))
                .containsExactlyElementsOf(RefResources.stateDict("hrnetv2-w18-small-v2.state_dict.txt"));
    }

    @Test
    void modelsAreCityscapesSegmentersWithLogitsAtAQuarterOfTheInput() {
        for (String id : List.of("hrnetv2-w18-small-v2", "hrnetv2-w18", "hrnetv2-w48")) {
            ModelSpec spec = ModelZoo.get(id);
            assertThat(spec.task()).isEqualTo(Task.SEGMENTATION);
            assertThat(spec.defaultInput()).isEqualTo(Shape.nchw(1, 3, 1024, 2048));
            assertThat(spec.defaultClasses()).isEqualTo(19);
            assertThat(spec.labels()).hasSize(19).startsWith("road", "sidewalk").endsWith("bicycle");
            assertThat(spec.preprocessing()).isEqualTo(HrnetModels.cityscapesPreprocessing());
        }
        Graph graph = ModelZoo.get("hrnetv2-w18-small-v2").architecture().build(Shape.nchw(2, 3, 45, 77), 7);
        assertThat(graph.node(graph.outputs().get(0)).shape()).isEqualTo(Shape.nchw(2, 7, 12, 20));
    }

    @Test
    void anyInputSizeBuildsBecauseStridesRoundUp() {
        ModelSpec spec = ModelZoo.get("hrnetv2-w18-small-v2");
        assertThat(spec.minInputSize()).isEqualTo(1);
        Graph graph = spec.architecture().build(Shape.nchw(1, 3, 1, 3), 19);
        assertThat(graph.node(graph.outputs().get(0)).shape()).isEqualTo(Shape.nchw(1, 19, 1, 1));
    }
}
