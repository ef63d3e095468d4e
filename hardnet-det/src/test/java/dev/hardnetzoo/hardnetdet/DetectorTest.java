package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorTest {

    @Test
    void preprocessingResizesToTheInputAndSubtractsTheBgrMeans() {
        // A uniform (R, G, B) = (10, 20, 30) image of any size becomes 300x300 of B-104, G-117, R-123.
        byte[] px = new byte[7 * 5 * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = 10;
            px[i + 1] = 20;
            px[i + 2] = 30;
        }
        try (Model model = Model.of(ModelZoo.get("ssd300-hardnet68"), 21, Map.of(), Backends.get(Backends.DEFAULT),
                BackendOptions.defaults())) {
            Tensor t = new Detector(model).preprocess(List.of(new RgbImage(7, 5, px)));
            assertThat(t.shape()).isEqualTo(Shape.nchw(1, 3, 300, 300));
            float[] d = t.data();
            int plane = 300 * 300;
            assertThat(Arrays.copyOfRange(d, 0, plane)).containsOnly(-74f);
            assertThat(Arrays.copyOfRange(d, plane, 2 * plane)).containsOnly(-97f);
            assertThat(Arrays.copyOfRange(d, 2 * plane, 3 * plane)).containsOnly(-113f);
        }
    }

    @Test
    void labelsFollowTheClassCount() {
        assertThat(DetectionLabels.forClasses(21)).hasSize(21).contains("person", "tvmonitor");
        assertThat(DetectionLabels.forClasses(81)).hasSize(81).endsWith("toothbrush");
        assertThat(DetectionLabels.forClasses(3)).containsExactly("__background__", "class 1", "class 2");
        assertThatThrownBy(() -> new SsdPostProcessor(PriorConfig.VOC_300, 21, DetectionLabels.forClasses(81)))
                .hasMessageContaining("81 labels for 21 classes");
    }
}
