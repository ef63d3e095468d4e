package dev.hardnetzoo.hardnetseg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClassMapsTest {

    @Test
    void argmaxPicksTheLargestLogitAndTheFirstOnTies() {
        // 2 classes, 3 pixels: class 1 wins, tie -> 0, class 0 wins
        Tensor logits = Tensor.of(new float[] {0, 5, 9, 1, 5, 2}, 1, 2, 1, 3);
        assertThat(ClassMaps.argmax(logits)).containsExactly(1, 0, 0);
    }

    @Test
    void resizeUsesAlignCornersBilinear() {
        // 1x2 -> 1x3 with align_corners: the middle sample is the mean of the ends
        Tensor logits = Tensor.of(new float[] {0, 4}, 1, 1, 1, 2);
        Tensor up = ClassMaps.resize(logits, 1, 3);
        assertThat(up.data()).containsExactly(0f, 2f, 4f);
        assertThat(ClassMaps.resize(logits, 1, 2)).isSameAs(logits);
    }
}
