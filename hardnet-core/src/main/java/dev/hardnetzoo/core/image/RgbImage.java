package dev.hardnetzoo.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * An 8-bit RGB image: {@code data} holds rows top to bottom, pixels interleaved (HWC), so the
 * value of channel {@code c} (0 = R, 1 = G, 2 = B) at (x, y) is {@code data[(y * width + x) * 3 + c] & 0xFF}.
 * The array is shared, not copied.
 */
public record RgbImage(int width, int height, byte[] data) {

    public RgbImage {
        Objects.requireNonNull(data, "data");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (data.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs "
                    + (long) width * height * 3 + " bytes but data has " + data.length);
        }
    }

    /** Channel {@code c} at (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return data[(y * width + x) * 3 + c] & 0xFF;
    }

    /**
     * Converts any decoded image to RGB the way PIL's {@code convert("RGB")} does: alpha is
     * dropped (not composited), palettes are looked up, grey is copied to R, G and B.
     */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int[] row = new int[w];
        ColorModel cm = image.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Java's grey colour space is linear, so getRGB would brighten it; take the raw samples instead.
            Raster raster = image.getRaster();
            double toByte = 255.0 / ((1 << cm.getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                    byte v = (byte) Math.round(row[x] * toByte);
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                }
            }
        } else {
            for (int y = 0; y < h; y++) { // a row at a time: no int[] copy of a huge image
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                    out[o] = (byte) (row[x] >> 16);
                    out[o + 1] = (byte) (row[x] >> 8);
                    out[o + 2] = (byte) row[x];
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** This image as a {@link BufferedImage} (TYPE_INT_RGB), e.g. for {@link Images#writePng}. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[width * 3];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < samples.length; i++) samples[i] = data[y * width * 3 + i] & 0xFF;
            image.getRaster().setPixels(0, y, width, 1, samples);
        }
        return image;
    }

    /**
     * The {@code h} x {@code w} region whose top-left corner is ({@code left}, {@code top}); any
     * part of it outside this image is black (that is how torchvision pads a too-large crop).
     */
    public RgbImage crop(int top, int left, int h, int w) {
        byte[] out = new byte[w * h * 3];
        int x0 = Math.max(0, -left), x1 = Math.min(w, width - left);
        for (int y = Math.max(0, -top); y < Math.min(h, height - top) && x0 < x1; y++) {
            System.arraycopy(data, ((y + top) * width + left + x0) * 3, out, (y * w + x0) * 3, (x1 - x0) * 3);
        }
        return new RgbImage(w, h, out);
    }
}
