package dev.hardnetzoo.hardnetseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationResultTest {
    private static final Palette PALETTE = Palette.cityscapes();

    // 3x2 image: road road car / sky car car
    private final SegmentationResult result = new SegmentationResult(3, 2, new int[] {0, 0, 13, 10, 13, 13}, PALETTE);

    @Test
    void classAreasAreCountedLargestFirst() {
        assertThat(result.classAreas()).containsExactly(
                new ClassArea(13, "car", 3, 0.5),
                new ClassArea(0, "road", 2, 2.0 / 6),
                new ClassArea(10, "sky", 1, 1.0 / 6));
    }

    @Test
    void colourMaskPaintsThePalette() {
        RgbImage mask = result.colourMask();
        assertThat(List.of(mask.get(0, 0, 0), mask.get(0, 0, 1), mask.get(0, 0, 2))).containsExactly(128, 64, 128);
        assertThat(List.of(mask.get(2, 0, 0), mask.get(2, 0, 1), mask.get(2, 0, 2))).containsExactly(0, 0, 142);
        assertThat(List.of(mask.get(0, 1, 0), mask.get(0, 1, 1), mask.get(0, 1, 2))).containsExactly(0, 130, 180);
    }

    @Test
    void overlayBlendsImageAndMask() {
        byte[] grey = new byte[3 * 2 * 3];
        java.util.Arrays.fill(grey, (byte) 200);
        RgbImage overlay = result.overlay(new RgbImage(3, 2, grey), 0.5);
        // road (128,64,128) over 200: (164, 132, 164)
        assertThat(List.of(overlay.get(0, 0, 0), overlay.get(0, 0, 1), overlay.get(0, 0, 2))).containsExactly(164, 132, 164);
        assertThat(result.overlay(new RgbImage(3, 2, grey), 0).data()).isEqualTo(grey);
        assertThatThrownBy(() -> result.overlay(new RgbImage(2, 2, new byte[12]), 0.5)).hasMessageContaining("3x2");
    }

    @Test
    void refusesAClassMapOfTheWrongSize() {
        assertThatThrownBy(() -> new SegmentationResult(3, 2, new int[5], PALETTE)).hasMessageContaining("needs 6");
    }
}
