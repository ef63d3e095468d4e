package dev.hardnetzoo.core.image;

import dev.hardnetzoo.core.testsupport.RefData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    @Test void shorterSideFollowsTorchvision() {
        // torchvision: long = int(256 * long / short)
        assertThat(Preprocessing.shorterSideTo(451, 300, 256)).containsExactly(384, 256); // 384.85
        assertThat(Preprocessing.shorterSideTo(300, 451, 256)).containsExactly(256, 384);
        assertThat(Preprocessing.shorterSideTo(500, 333, 256)).containsExactly(384, 256); // 384.38
        assertThat(Preprocessing.shorterSideTo(100, 100, 256)).containsExactly(256, 256);
    }

    @Test void centerCropStartRoundsHalfToEvenAndPadsLikeTorchvision() {
        assertThat(Preprocessing.centerCropStart(256, 224)).isEqualTo(16);
        assertThat(Preprocessing.centerCropStart(384, 224)).isEqualTo(80);
        assertThat(Preprocessing.centerCropStart(5, 2)).isEqualTo(2); // round(1.5) = 2
        assertThat(Preprocessing.centerCropStart(7, 2)).isEqualTo(2); // round(2.5) = 2
        assertThat(Preprocessing.centerCropStart(9, 2)).isEqualTo(4); // round(3.5) = 4
        assertThat(Preprocessing.centerCropStart(3, 6)).isEqualTo(-1); // pad (6-3)//2 = 1 before
    }

    @Test void cropLargerThanImageIsPaddedWithBlack() {
        RgbImage one = new RgbImage(1, 1, new byte[] {10, 20, 30});
        RgbImage out = new Preprocessing(0, 0, 0, 2, 3, ChannelOrder.RGB, 1, new float[3], new float[] {1, 1, 1})
                .resizeAndCrop(one);
        // torchvision pads left (3-1)//2 = 1, right 1, top (2-1)//2 = 0, bottom 1.
        assertThat(PilResizeTest.unsigned(out)).containsExactly(0, 0, 0, 10, 20, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test void normalisesWithScaleMeanAndStd() {
        RgbImage px = new RgbImage(1, 1, new byte[] {(byte) 255, 0, (byte) 128});
        Tensor t = new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1f / 255, MEAN, STD).apply(px);
        assertThat(t.shape()).isEqualTo(Shape.nchw(1, 3, 1, 1));
        assertThat(t.data()[0]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-6f));         // 2.2489083
        assertThat(t.data()[1]).isCloseTo((0 - 0.456f) / 0.224f, within(1e-6f));         // -2.0357143
        assertThat(t.data()[2]).isCloseTo((128 / 255f - 0.406f) / 0.225f, within(1e-6f)); // 0.4264924
        assertThat(t.data()[2]).isCloseTo(0.4264924f, within(1e-6f));
    }

    @Test void bgrPutsBlueFirstAndUsesMeanInTensorOrder() {
        RgbImage px = new RgbImage(1, 1, new byte[] {10, 20, 30});
        // Caffe style: 0..255 input, BGR mean.
        Tensor t = new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.BGR, 1, new float[] {1, 2, 3}, new float[] {1, 1, 2})
                .apply(px);
        assertThat(t.data()).containsExactly(30 - 1, 20 - 2, (10 - 3) / 2f);
    }

    @Test void batchesStackInOrderAndMustAgreeInSize() {
        Preprocessing p = new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1, new float[3], new float[] {1, 1, 1});
        RgbImage a = new RgbImage(1, 1, new byte[] {1, 2, 3}), b = new RgbImage(1, 1, new byte[] {4, 5, 6});
        Tensor t = p.applyAll(List.of(a, b));
        assertThat(t.shape()).isEqualTo(Shape.nchw(2, 3, 1, 1));
        assertThat(t.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> p.applyAll(List.of(a, new RgbImage(2, 1, new byte[6]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image 0 gives 1x1, image 1 gives 2x1");
        // With a resize and crop, different input sizes do agree.
        Tensor same = Preprocessing.imagenet().applyAll(List.of(PilResizeTest.synthetic(7, 5), PilResizeTest.synthetic(5, 9)));
        assertThat(same.shape()).isEqualTo(Shape.nchw(2, 3, 224, 224));
    }

    @Test void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> new Preprocessing(256, 224, 224, 0, 0, ChannelOrder.RGB, 1, MEAN, STD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> new Preprocessing(0, 0, 0, 224, 0, ChannelOrder.RGB, 1, MEAN, STD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both height and width");
        assertThatThrownBy(() -> new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1, new float[2], STD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean needs 3 values");
        assertThatThrownBy(() -> new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1, MEAN, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std must be positive");
    }

    @Test void isAValueWithDefensiveCopies() {
        Preprocessing p = Preprocessing.imagenet();
        p.mean()[0] = 99;
        assertThat(p.mean()[0]).isEqualTo(0.485f);
        assertThat(p).isEqualTo(Preprocessing.imagenet()).hasSameHashCodeAs(Preprocessing.imagenet());
    }

    // Expected numbers from Pillow 11.3.0 running torchvision 0.14's steps on chelsea.png:
    // Image.open(f).convert("RGB").resize((384, 256), Image.BILINEAR), then .crop((80, 16, 304, 240));
    // sums are sum(p[c] for p in img.getdata()), values (v / 255 - mean[c]) / std[c] in float64.
    @Test void chelseaMatchesTorchvisionsImagenetPipeline() throws IOException {
        RgbImage cat = Images.read(RefData.image("chelsea.png"));
        RgbImage resized = new Preprocessing(256, 0, 0, 0, 0, ChannelOrder.RGB, 1, new float[3], new float[] {1, 1, 1})
                .resizeAndCrop(cat);
        assertThat(resized.width()).isEqualTo(384);
        assertThat(resized.height()).isEqualTo(256);
        assertThat(channelSums(resized)).containsExactly(14517147, 10955596, 8532851);

        Preprocessing imagenet = Preprocessing.imagenet();
        assertThat(channelSums(imagenet.resizeAndCrop(cat))).containsExactly(7347427, 5305970, 3698190);
        Tensor t = imagenet.apply(cat);
        assertThat(t.shape()).isEqualTo(Shape.nchw(1, 3, 224, 224));
        assertThat(t.get(0, 0, 0, 0)).isCloseTo(0.7933042f, within(1e-5f));      // pixel (170, 132, 109)
        assertThat(t.get(0, 1, 0, 0)).isCloseTo(0.2752101f, within(1e-5f));
        assertThat(t.get(0, 2, 0, 0)).isCloseTo(0.0953377f, within(1e-5f));
        assertThat(t.get(0, 0, 50, 100)).isCloseTo(0.2624369f, within(1e-5f));   // pixel (139, 86, 41)
        assertThat(t.get(0, 1, 50, 100)).isCloseTo(-0.5301120f, within(1e-5f));
        assertThat(t.get(0, 2, 50, 100)).isCloseTo(-1.0898475f, within(1e-5f));
        assertThat(t.get(0, 2, 223, 223)).isCloseTo(0.7750763f, within(1e-5f));  // pixel (193, 168, 148)
    }

    private static long[] channelSums(RgbImage image) {
        long[] sums = new long[3];
        for (int i = 0; i < image.data().length; i++) sums[i % 3] += image.data()[i] & 0xFF;
        return sums;
    }
}
