package dev.hardnetzoo.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapWeightsTest {

    @Test
    void servesCopiesOfItsTensors() {
        Tensor t = Tensor.of(new float[] {1, 2}, 2);
        MapWeights w = new MapWeights("generated", Map.of("x", t), Map.of("k", "v"));
        assertThat(w.source()).isEqualTo("generated");
        assertThat(w.names()).containsExactly("x");
        assertThat(w.shape("x")).isEqualTo(Shape.of(2));
        assertThat(w.dtype("x")).isEqualTo("F32");
        assertThat(w.metadata()).containsEntry("k", "v");
        w.tensor("x").data()[0] = 99;
        assertThat(w.tensor("x").data()).containsExactly(1f, 2f);
    }

    @Test
    void unknownNameAndClose() {
        MapWeights w = new MapWeights("generated", Map.of());
        assertThatThrownBy(() -> w.tensor("nope")).isInstanceOf(WeightsException.class)
                .hasMessageContaining("generated").hasMessageContaining("'nope'");
        w.close();
        assertThatThrownBy(w::names).isInstanceOf(IllegalStateException.class);
    }
}
