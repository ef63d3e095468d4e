package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parameter counts and output shapes against the figures of the reference PyTorch models. */
class SsdArchitectureTest {

    @ParameterizedTest(name = "{0} with {1} classes")
    @CsvSource({
        "ssd512-hardnet68, 81, 25700414, 32756, 34.4",
        "ssd512-hardnet68, 21, 18164054, 32756, 27.6",
        "ssd512-hardnet85, 81, 38782074, 32756, 60.6",
        "ssd300-hardnet68, 21, 17260864, 11620, 9.7",
    })
    void parametersPriorsAndMacsMatchTheReference(String id, int classes, long params, int priors, double gigaMacs) {
        ModelSpec spec = ModelZoo.get(id);
        Graph g = spec.architecture().build(spec.defaultInput(), classes);
        assertThat(g.parameterCount()).isEqualTo(params);
        Shape out = g.node(g.outputs().get(0)).shape();
        assertThat(out).isEqualTo(Shape.of(1, priors, 4 + classes));
        assertThat(CostReport.of(g).macs() / 1e9).isCloseTo(gigaMacs, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void specsAreDetectorsWhoseClassCountComesFromTheFirstClassHead() {
        ModelSpec spec = ModelZoo.get("ssd300-hardnet68");
        assertThat(spec.task()).isEqualTo(Task.DETECTION);
        assertThat(spec.classesFromRows(6 * 81)).isEqualTo(81);
        assertThat(spec.labels()).hasSize(21).startsWith("__background__", "aeroplane");
        assertThat(ModelZoo.get("ssd512-hardnet68").labels()).hasSize(81).contains("person", "toothbrush")
                .doesNotContain("N/A");
    }
}
