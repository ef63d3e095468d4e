package dev.hardnetzoo.hardnetseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    /** A 256x128 corner of a street scene: small enough to run FC-HarDNet-70 quickly. */
    static RgbImage smallStreet() throws Exception {
        return Images.read(RefData.image("street01.jpg")).crop(0, 0, 128, 256);
    }

    @Test
    void segmentsWithTheOfficialBgrNormalisation() throws Exception {
        RgbImage image = smallStreet();
        try (Model m = ModelZoo.load("fchardnet70", RefData.ref("fchardnet70.safetensors"), Backends.DEFAULT, new BackendOptions(2))) {
            SegmentationResult result = new Segmenter(m).segment(image);
            assertThat(result.width()).isEqualTo(256);
            assertThat(result.height()).isEqualTo(128);
            assertThat(result.palette()).isEqualTo(Palette.cityscapes());

            // The official loader by hand: BGR, /255, minus the BGR-ordered ImageNet mean, over the std.
            float[] mean = {0.406f, 0.456f, 0.485f};
            float[] std = {0.225f, 0.224f, 0.229f};
            Tensor input = Tensor.zeros(Shape.nchw(1, 3, 128, 256));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 128; y++) {
                    for (int x = 0; x < 256; x++) {
                        input.set((image.get(x, y, 2 - c) / 255f - mean[c]) / std[c], 0, c, y, x);
                    }
                }
            }
            assertThat(result.classes()).isEqualTo(ClassMaps.argmax(m.run(input)));
        }
    }

    @Test
    void logitsSmallerThanTheImageAreUpsampledFirst() throws Exception {
        try (Model m = ModelZoo.load("fchardnet70", RefData.ref("fchardnet70.safetensors"))) {
            Segmenter segmenter = new Segmenter(m);
            float[] quarter = new float[19 * 2 * 3];
            quarter[13 * 6] = 10;            // car wins at the top-left logit pixel
            quarter[10 * 6 + 5] = 10;        // sky wins at the bottom-right one
            SegmentationResult r = segmenter.fromLogits(Tensor.of(quarter, 1, 19, 2, 3), 12, 8);
            assertThat(r.width()).isEqualTo(12);
            assertThat(r.height()).isEqualTo(8);
            assertThat(r.classAt(0, 0)).isEqualTo(13);
            assertThat(r.classAt(11, 7)).isEqualTo(10);
            assertThatThrownBy(() -> segmenter.fromLogits(Tensor.of(new float[6], 1, 6, 1, 1), 1, 1))
                    .hasMessageContaining("6 classes");
        }
    }

    @Test
    void refusesModelsThatDoNotSegment() {
        Model classifier = Model.of(ModelZoo.get("hardnet39ds"), 1000, Map.of(), Backends.get(Backends.DEFAULT), new BackendOptions(1));
        assertThatThrownBy(() -> new Segmenter(classifier)).hasMessageContaining("not a segmentation model");
        classifier.close();
    }
}
