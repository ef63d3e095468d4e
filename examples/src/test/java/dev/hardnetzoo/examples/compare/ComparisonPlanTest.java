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
        ComparisonPlan standard = ComparisonPlan.standard(); // 5 s, 3 to 200 runs
        assertThat(standard.iterationsFor(100)).isEqualTo(50);
        assertThat(standard.iterationsFor(8)).isEqualTo(200);
        assertThat(standard.iterationsFor(1_000)).isEqualTo(5);
        assertThat(standard.iterationsFor(60_000)).isEqualTo(3);
        assertThat(standard.withRuns(0, 7).iterationsFor(60_000)).isEqualTo(7);
        assertThat(ComparisonPlan.quick().iterationsFor(100)).isEqualTo(3);
    }

    @Test
    void theStandardRunWarmsTheJitUpAndTheQuickOneDoesNot() {
        assertThat(ComparisonPlan.standard().warmup()).isEqualTo(5);
        assertThat(ComparisonPlan.quick().warmup()).isEqualTo(1);
        assertThat(ComparisonPlan.standard().withWarmup(2).warmup()).isEqualTo(2);
    }
}
