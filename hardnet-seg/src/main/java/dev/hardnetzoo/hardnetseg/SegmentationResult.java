package dev.hardnetzoo.hardnetseg;

import dev.hardnetzoo.core.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A per-pixel class map (train ids, row-major, {@code width x height}) with the palette that
 * names and colours its classes. The array is shared, not copied.
 */
public record SegmentationResult(int width, int height, int[] classes, Palette palette) {

    public SegmentationResult {
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(palette, "palette");
        if (width < 1 || height < 1 || classes.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " class map needs "
                    + (long) width * height + " entries, got " + classes.length);
        }
    }

    public int classAt(int x, int y) {
        return classes[y * width + x];
    }

    /** Pixels per class, present classes only, largest first. */
    public List<ClassArea> classAreas() {
        long[] counts = new long[palette.size()];
        for (int c : classes) counts[c]++;
        List<ClassArea> out = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) out.add(new ClassArea(c, palette.names().get(c), counts[c], (double) counts[c] / classes.length));
        }
        out.sort(Comparator.comparingLong(ClassArea::pixels).reversed().thenComparingInt(ClassArea::trainId));
        return out;
    }

    /** Each pixel painted in its class's palette colour. */
    public RgbImage colourMask() {
        byte[] px = new byte[classes.length * 3];
        for (int i = 0; i < classes.length; i++) {
            Palette.Rgb c = palette.colour(classes[i]);
            px[i * 3] = (byte) c.r();
            px[i * 3 + 1] = (byte) c.g();
            px[i * 3 + 2] = (byte) c.b();
        }
        return new RgbImage(width, height, px);
    }

    /** {@code image} with the colour mask blended over it: {@code (1 - alpha) * image + alpha * colour}, rounded. */
    public RgbImage overlay(RgbImage image, double alpha) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("overlay needs the " + width + "x" + height + " image that was segmented, got "
                    + image.width() + "x" + image.height());
        }
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        byte[] mask = colourMask().data();
        byte[] src = image.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round((1 - alpha) * (src[i] & 0xFF) + alpha * (mask[i] & 0xFF));
        }
        return new RgbImage(width, height, out);
    }
}
