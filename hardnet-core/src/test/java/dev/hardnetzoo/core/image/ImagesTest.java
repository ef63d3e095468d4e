package dev.hardnetzoo.core.image;

import dev.hardnetzoo.core.testsupport.RefData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir Path dir;

    @Test void readsTheCatPhoto() throws IOException {
        RgbImage cat = Images.read(RefData.image("chelsea.png"));
        assertThat(cat.width()).isEqualTo(451);
        assertThat(cat.height()).isEqualTo(300);
        // Pixel values as PIL reads them: (0,0) = (143,120,104), (200,100) = (76,39,13).
        assertThat(new int[] {cat.get(0, 0, 0), cat.get(0, 0, 1), cat.get(0, 0, 2)}).containsExactly(143, 120, 104);
        assertThat(new int[] {cat.get(200, 100, 0), cat.get(200, 100, 1), cat.get(200, 100, 2)}).containsExactly(76, 39, 13);
        assertThat(new int[] {cat.get(450, 299, 0), cat.get(450, 299, 1), cat.get(450, 299, 2)}).containsExactly(162, 138, 128);
    }

    @Test void missingFileIsNamed() {
        Path missing = dir.resolve("no-such-cat.png");
        assertThatThrownBy(() -> Images.read(missing))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
    }

    @Test void directoryIsNamed() {
        assertThatThrownBy(() -> Images.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("directory");
    }

    @Test void nonImageIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture\n");
        assertThatThrownBy(() -> Images.read(text)).isInstanceOf(IOException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not an image");
    }

    @Test void truncatedImageIsNamed() throws IOException {
        Path whole = dir.resolve("whole.png");
        Images.writePng(whole, PilResizeTest.synthetic(64, 64).toBufferedImage());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Images.read(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot decode image file " + cut);
    }

    @Test void absurdSizeIsRefusedBeforeDecoding() throws IOException {
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        assertThatThrownBy(() -> Images.read(bomb)).isInstanceOf(IOException.class)
                .hasMessageContaining(bomb.toString()).hasMessageContaining("100000x100000");
        // Within each side's limit but too many pixels in all.
        Path wide = Files.write(dir.resolve("wide.png"), pngHeaderOnly(16_000, 16_000));
        assertThatThrownBy(() -> Images.read(wide)).isInstanceOf(IOException.class)
                .hasMessageContaining("16000x16000");
    }

    @Test void greyIsCopiedToAllChannelsWithoutGammaChange() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 7);
        assertThat(PilResizeTest.unsigned(roundTrip(grey))).containsExactly(128, 128, 128, 7, 7, 7);
    }

    @Test void alphaIsDroppedNotComposited() throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00_FF_80_10); // fully transparent: PIL's convert("RGB") keeps the colour
        argb.setRGB(1, 0, 0x80_01_02_03);
        assertThat(PilResizeTest.unsigned(roundTrip(argb))).containsExactly(255, 128, 16, 1, 2, 3);
    }

    @Test void paletteIsLookedUp() throws IOException {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {10, 40}, new byte[] {20, 50}, new byte[] {30, 60});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 1);
        assertThat(PilResizeTest.unsigned(roundTrip(indexed))).containsExactly(40, 50, 60, 10, 20, 30);
    }

    @Test void writePngReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        RgbImage image = PilResizeTest.synthetic(7, 5);
        Path file = dir.resolve("out.png");
        Images.writePng(file, new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        Images.writePng(file, image.toBufferedImage());
        assertThat(Images.read(file).data()).isEqualTo(image.data());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** Through a PNG file, so the decoder picks its own image type (grey, indexed, ARGB). */
    private RgbImage roundTrip(BufferedImage image) throws IOException {
        Path file = dir.resolve("roundtrip.png");
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return Images.read(file);
    }

    /** A PNG signature, an IHDR claiming width x height (8-bit RGB) and IEND: no pixel data at all. */
    private static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
