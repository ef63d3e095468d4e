package dev.hardnetzoo.core.image;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A model's input preprocessing as data, applied the way torchvision applies it to a PIL image:
 * resize (PIL bilinear, see {@link PilResize}), centre crop, then per channel
 * {@code (value * scale - mean[c]) / std[c]} into an NCHW float tensor.
 *
 * @param resizeShorter resize so the shorter side has this length, keeping the aspect ratio
 *                      like {@code transforms.Resize(int)}; 0 = no such resize
 * @param resizeHeight  exact resize to {@code resizeHeight x resizeWidth} ({@code transforms.Resize((h, w))});
 *                      both 0 = none. At most one kind of resize may be set.
 * @param resizeWidth   see {@code resizeHeight}
 * @param cropHeight    centre crop to {@code cropHeight x cropWidth} ({@code transforms.CenterCrop}); both 0 = none
 * @param cropWidth     see {@code cropHeight}
 * @param channelOrder  the order of the tensor's channels
 * @param scale         multiplies the 0..255 values first: 1/255f (like {@code ToTensor}) or 1
 * @param mean          subtracted per tensor channel (in {@code channelOrder}), after scaling
 * @param std           divides per tensor channel, after the mean
 */
public record Preprocessing(int resizeShorter, int resizeHeight, int resizeWidth, int cropHeight, int cropWidth,
                            ChannelOrder channelOrder, float scale, float[] mean, float[] std) {

    public Preprocessing {
        if (resizeShorter < 0 || resizeHeight < 0 || resizeWidth < 0 || cropHeight < 0 || cropWidth < 0) {
            throw new IllegalArgumentException("sizes must not be negative: " + describe(resizeShorter,
                    resizeHeight, resizeWidth, cropHeight, cropWidth));
        }
        if ((resizeHeight == 0) != (resizeWidth == 0) || (cropHeight == 0) != (cropWidth == 0)) {
            throw new IllegalArgumentException("give both height and width or neither: " + describe(resizeShorter,
                    resizeHeight, resizeWidth, cropHeight, cropWidth));
        }
        if (resizeShorter > 0 && resizeHeight > 0) {
            throw new IllegalArgumentException("give resizeShorter or an exact resize, not both");
        }
        Objects.requireNonNull(channelOrder, "channelOrder");
        if (!(scale > 0) || !Float.isFinite(scale)) throw new IllegalArgumentException("scale must be positive, got " + scale);
        mean = perChannel("mean", mean).clone();
        std = perChannel("std", std).clone();
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(std));
        }
    }

    /** torchvision's ImageNet evaluation: Resize(256), CenterCrop(224), ToTensor, Normalize. */
    public static Preprocessing imagenet() {
        return new Preprocessing(256, 0, 0, 224, 224, ChannelOrder.RGB, 1f / 255,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override public float[] mean() { return mean.clone(); }

    @Override public float[] std() { return std.clone(); }

    /** One image as a [1, 3, h, w] tensor. */
    public Tensor apply(RgbImage image) {
        return applyAll(List.of(image));
    }

    /** A batch as an [n, 3, h, w] tensor; every image must come out the same size. */
    public Tensor applyAll(List<RgbImage> images) {
        if (images.isEmpty()) throw new IllegalArgumentException("no images to preprocess");
        float[][] lut = lookupTables();
        RgbImage[] ready = new RgbImage[images.size()];
        for (int n = 0; n < ready.length; n++) {
            ready[n] = resizeAndCrop(images.get(n));
            if (ready[n].width() != ready[0].width() || ready[n].height() != ready[0].height()) {
                throw new IllegalArgumentException("images of one batch must preprocess to the same size: image 0 gives "
                        + ready[0].width() + "x" + ready[0].height() + ", image " + n + " gives "
                        + ready[n].width() + "x" + ready[n].height());
            }
        }
        int h = ready[0].height(), w = ready[0].width(), plane = h * w;
        float[] out = new float[Math.multiplyExact(ready.length, 3 * plane)];
        for (int n = 0; n < ready.length; n++) {
            byte[] px = ready[n].data();
            for (int c = 0; c < 3; c++) {
                int src = channelOrder.sourceChannel(c), base = (n * 3 + c) * plane;
                for (int i = 0; i < plane; i++) out[base + i] = lut[c][px[i * 3 + src] & 0xFF];
            }
        }
        return new Tensor(Shape.nchw(ready.length, 3, h, w), out);
    }

    /** The resized and cropped 8-bit image the tensor is made from (e.g. to show what the model sees). */
    public RgbImage resizeAndCrop(RgbImage image) {
        RgbImage resized = image;
        if (resizeShorter > 0) {
            int[] wh = shorterSideTo(image.width(), image.height(), resizeShorter);
            resized = PilResize.resize(image, wh[0], wh[1]);
        } else if (resizeHeight > 0) {
            resized = PilResize.resize(image, resizeWidth, resizeHeight);
        }
        if (cropHeight == 0) return resized;
        return resized.crop(centerCropStart(resized.height(), cropHeight), centerCropStart(resized.width(), cropWidth),
                cropHeight, cropWidth);
    }

    /** {width, height} after torchvision's Resize(size): the longer side is int(size * long / short). */
    static int[] shorterSideTo(int width, int height, int size) {
        int shorter = Math.min(width, height), longer = Math.max(width, height);
        int newLonger = (int) ((double) ((long) size * longer) / shorter); // Python: int(size * long / short)
        return width <= height ? new int[] {size, newLonger} : new int[] {newLonger, size};
    }

    /**
     * Where torchvision's center_crop starts along a side: round((size - crop) / 2) with Python's
     * round-half-even; a crop longer than the side is padded first, (crop - size) // 2 before it.
     */
    static int centerCropStart(int size, int crop) {
        return crop > size ? -((crop - size) / 2) : (int) Math.rint((size - crop) / 2.0);
    }

    // Every 0..255 value maps to one float per channel; computed in float as torchvision does.
    private float[][] lookupTables() {
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) lut[c][v] = (v * scale - mean[c]) / std[c];
        }
        return lut;
    }

    private static float[] perChannel(String name, float[] values) {
        Objects.requireNonNull(values, name);
        if (values.length != 3) throw new IllegalArgumentException(name + " needs 3 values, got " + values.length);
        return values;
    }

    private static String describe(int shorter, int rh, int rw, int ch, int cw) {
        return "resizeShorter=" + shorter + ", resize=" + rh + "x" + rw + ", crop=" + ch + "x" + cw;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Preprocessing p && resizeShorter == p.resizeShorter && resizeHeight == p.resizeHeight
                && resizeWidth == p.resizeWidth && cropHeight == p.cropHeight && cropWidth == p.cropWidth
                && channelOrder == p.channelOrder && Float.compare(scale, p.scale) == 0
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override public int hashCode() {
        return Objects.hash(resizeShorter, resizeHeight, resizeWidth, cropHeight, cropWidth, channelOrder, scale,
                Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override public String toString() {
        return "Preprocessing[" + describe(resizeShorter, resizeHeight, resizeWidth, cropHeight, cropWidth)
                + ", " + channelOrder + ", scale=" + scale + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + "]";
    }
}
