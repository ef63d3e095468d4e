package dev.hardnetzoo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class CostReportTest {
    @Test
    void printsAsOneLineSummaryWithoutTheLayers() {
        ModelSpec spec = ModelZoo.get("hardnet39ds");
        CostReport cost = CostReport.of(spec.architecture().build(spec.defaultInput(), spec.defaultClasses()));
        assertThat(cost.toString()).startsWith("CostReport[input=[1, 3, 224, 224], params=3,488,228, macs=")
                .contains("layers=" + cost.layers().size() + "]").doesNotContain("LayerCost").hasLineCount(1);
        // every trainable tensor counts, BatchNorm's included, so the conv and linear layers' own sum to less
        assertThat(cost.layers().stream().mapToLong(LayerCost::params).sum()).isLessThan(cost.params());
    }
}
