package dev.hardnetzoo.examples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class ComparisonPlanTest {

    @Test
    void segmentationInputsShrinkToTheBudgetKeepingTheirAspect() {
        ComparisonPlan standard = ComparisonPlan.standard();
        assertThat(standard.inputFor(ModelZoo.get("fchardnet70"))).isEqualTo(Shape.nchw(1, 3, 512, 1024));
        assertThat(standard.inputFor(ModelZoo.get("fchardnet68"))).isEqualTo(Shape.nchw(1, 3, 352, 480));
        assertThat(ComparisonPlan.quick().inputFor(ModelZoo.get("fchardnet70"))).isEqualTo(Shape.nchw(1, 3, 256, 512));
        assertThat(standard.inputFor(ModelZoo.get("hardnet68"))).isEqualTo(Shape.nchw(1, 3, 224, 224));
        assertThat(standard.atSize(64, 96).inputFor(ModelZoo.get("fchardnet70"))).isEqualTo(Shape.nchw(1, 3, 64, 96));
    }

    @Test
    void timedRunsFitTheBudgetWithinBounds() {
        ComparisonPlan standard = ComparisonPlan.standard(); // 10 s, 3 to 10 runs
        assertThat(standard.iterationsAfter(100)).isEqualTo(10);
        assertThat(standard.iterationsAfter(2_000)).isEqualTo(5);
        assertThat(standard.iterationsAfter(60_000)).isEqualTo(3);
        assertThat(standard.withRuns(0, 7).iterationsAfter(60_000)).isEqualTo(7);
    }

    @Test
    void theStandardRunWarmsTheJitUpAndTheQuickOneDoesNot() {
        assertThat(ComparisonPlan.standard().warmup()).isEqualTo(5);
        assertThat(ComparisonPlan.quick().warmup()).isEqualTo(1);
        assertThat(ComparisonPlan.standard().withWarmup(2).warmup()).isEqualTo(2);
    }
}
