package dev.hardnetzoo.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PilResizeTest {

    /** R is constant along each row (0, 70, 140, 210), G is 255 only in the last column. */
    @Test void halvingA4x4MatchesTheHandComputedTriangleFilter() {
        int[] rows = {0, 70, 140, 210};
        byte[] px = new byte[4 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                px[(y * 4 + x) * 3] = (byte) rows[y];
                px[(y * 4 + x) * 3 + 1] = (byte) (x == 3 ? 255 : 0);
            }
        }
        // Scale 2 gives support 2: output 0 centres on 1.0 and reads inputs 0..2 with triangle
        // weights 0.75, 0.75, 0.25 -> 3/7, 3/7, 1/7 after normalising (input -1 does not exist);
        // output 1 centres on 3.0 and reads inputs 1..3 with 1/7, 3/7, 3/7.
        // R: (3*0 + 3*70 + 140)/7 = 50 and (70 + 3*140 + 3*210)/7 = 160.
        // G: (3*0 + 3*0 + 0)/7 = 0 and (0 + 0 + 3*255)/7 = 109.29 -> 109. (PIL 11.3 agrees.)
        RgbImage out = PilResize.resize(new RgbImage(4, 4, px), 2, 2);
        assertThat(unsigned(out)).containsExactly(50, 0, 0, 50, 109, 0, 160, 0, 0, 160, 109, 0);
    }

    @Test void sameSizeIsIdentity() {
        RgbImage in = synthetic(7, 5);
        assertThat(PilResize.resize(in, 7, 5).data()).isEqualTo(in.data());
    }

    // Expected values below come from Pillow 11.3.0: Image.new("RGB", (7, 5)) filled with the
    // pattern of synthetic(), then img.resize((w, h), Image.BILINEAR), then list(img.getdata()).

    @Test void downscaleMatchesPil() {
        assertThat(unsigned(PilResize.resize(synthetic(7, 5), 3, 2))).containsExactly(
                99, 160, 41, 129, 92, 101, 129, 134, 154, 106, 157, 99, 118, 85, 149, 128, 168, 108);
    }

    @Test void upscaleOneSideDownscaleTheOtherMatchesPil() {
        assertThat(unsigned(PilResize.resize(synthetic(7, 5), 9, 3))).containsExactly(
                39, 107, 15, 64, 142, 20, 92, 184, 31, 121, 168, 51, 150, 10, 78, 179, 51, 116, 147, 92, 162,
                126, 134, 180, 151, 169, 158, 125, 134, 61, 150, 169, 66, 115, 186, 77, 65, 151, 97, 94, 37, 124,
                123, 78, 162, 120, 119, 176, 123, 161, 138, 148, 196, 57, 69, 161, 107, 94, 196, 112, 122, 124,
                123, 151, 23, 143, 180, 64, 170, 95, 105, 208, 92, 146, 112, 120, 188, 52, 145, 223, 103);
    }

    @Test void upscaleMatchesPil() {
        assertThat(unsigned(PilResize.resize(synthetic(7, 5), 10, 8))).containsExactly(
                0, 100, 3, 20, 129, 7, 46, 166, 15, 72, 203, 30, 98, 74, 54, 124, 22, 83, 150, 59, 118, 176, 96,
                162, 202, 133, 213, 222, 162, 255, 40, 107, 16, 60, 136, 20, 86, 173, 28, 112, 210, 43, 138, 81,
                67, 164, 29, 96, 184, 66, 131, 132, 103, 175, 130, 140, 175, 150, 169, 156, 97, 118, 34, 117, 147,
                38, 139, 184, 46, 154, 221, 61, 179, 92, 85, 205, 40, 114, 219, 77, 149, 77, 114, 193, 43, 151,
                128, 63, 180, 30, 154, 129, 52, 174, 158, 56, 156, 195, 64, 59, 232, 79, 76, 103, 103, 102, 51,
                132, 124, 88, 167, 94, 125, 211, 100, 162, 146, 120, 191, 48, 130, 139, 70, 150, 168, 74, 132,
                185, 82, 35, 166, 97, 52, 85, 121, 78, 61, 150, 104, 98, 181, 130, 135, 169, 156, 172, 120, 176,
                201, 66, 27, 150, 88, 47, 179, 92, 69, 156, 100, 84, 25, 115, 109, 40, 139, 135, 72, 168, 161, 109,
                191, 187, 146, 67, 213, 183, 51, 233, 212, 84, 68, 161, 106, 88, 190, 110, 114, 163, 118, 140, 21,
                133, 166, 45, 157, 142, 83, 186, 74, 120, 208, 100, 157, 73, 126, 194, 60, 146, 223, 102, 108, 168,
                119, 128, 197, 123, 154, 170, 131, 180, 28, 146, 206, 52, 170, 142, 90, 199, 2, 127, 221, 28, 164,
                86, 54, 201, 73, 74, 230, 115);
    }

    /** R = (37x + 91y) % 256, G = (53x + 17y + 100) % 256, B = (7x² + 29y + 3) % 256. */
    static RgbImage synthetic(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                px[o] = (byte) ((x * 37 + y * 91) % 256);
                px[o + 1] = (byte) ((x * 53 + y * 17 + 100) % 256);
                px[o + 2] = (byte) ((x * x * 7 + y * 29 + 3) % 256);
            }
        }
        return new RgbImage(w, h, px);
    }

    static int[] unsigned(RgbImage image) {
        int[] v = new int[image.data().length];
        for (int i = 0; i < v.length; i++) v[i] = image.data()[i] & 0xFF;
        return v;
    }
}
