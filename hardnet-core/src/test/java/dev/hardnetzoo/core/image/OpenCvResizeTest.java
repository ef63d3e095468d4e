package dev.hardnetzoo.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenCvResizeTest {

    @Test
    void upscalingInterpolatesBetweenHalfPixelCentresAndClampsAtTheEdges() {
        // One row 0, 100 (grey) to width 4: centres map to -0.25, 0.25, 0.75, 1.25 ->
        // clamp 0; 0.75*0 + 0.25*100 = 25; 75; clamp 100.
        RgbImage src = new RgbImage(2, 1, new byte[] {0, 0, 0, 100, 100, 100});
        RgbImage out = OpenCvResize.linear(src, 4, 1);
        assertThat(new int[] {out.get(0, 0, 0), out.get(1, 0, 1), out.get(2, 0, 2), out.get(3, 0, 0)})
                .containsExactly(0, 25, 75, 100);
    }

    @Test
    void halvingAveragesPairsWithoutAntialiasingWider() {
        // 4 -> 2: centres at 0.5 and 2.5, the means of pixels (0, 1) and (2, 3); pixel 3 never
        // reaches output 0, as it would through PIL's wider antialiasing filter.
        RgbImage src = new RgbImage(4, 1, new byte[] {10, 10, 10, 30, 30, 30, 50, 50, 50, (byte) 250, (byte) 250, (byte) 250});
        RgbImage out = OpenCvResize.linear(src, 2, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo(20);
        assertThat(out.get(1, 0, 0)).isEqualTo(150);
    }
}
