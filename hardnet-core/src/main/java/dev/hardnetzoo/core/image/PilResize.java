package dev.hardnetzoo.core.image;

/**
 * PIL's {@code Image.resize(size, BILINEAR)} for 8-bit images, bit for bit, because that is what
 * torchvision's {@code transforms.Resize} runs on a PIL image (Pillow's {@code Resample.c}).
 * It is a separable triangle filter whose support grows with the reduction factor, so a
 * downscale is antialiased; the horizontal pass runs first and both passes round to 0..255
 * with PIL's 22-bit fixed-point weights.
 */
final class PilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilResize() {}

    static RgbImage resize(RgbImage in, int outWidth, int outHeight) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + outWidth + "x" + outHeight);
        }
        RgbImage out = in;
        if (outWidth != in.width()) { // each row is a line of pixels one apart
            Kernel k = Kernel.bilinear(in.width(), outWidth);
            out = pass(out, k, outWidth, out.height(), out.height(), out.width(), 1, outWidth, 1);
        }
        if (outHeight != in.height()) { // each column is a line of pixels a row apart
            Kernel k = Kernel.bilinear(out.height(), outHeight);
            out = pass(out, k, out.width(), outHeight, out.width(), 1, out.width(), 1, out.width());
        }
        return out;
    }

    /** Resamples each of {@code lines} lines; positions are in pixels: line * lineStep + i * pixelStep. */
    private static RgbImage pass(RgbImage in, Kernel k, int outW, int outH, int lines,
                                 int inLineStep, int inPixelStep, int outLineStep, int outPixelStep) {
        byte[] src = in.data();
        byte[] dst = new byte[outW * outH * 3];
        int outSize = k.first.length;
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < outSize; i++) {
                int r = HALF, g = HALF, b = HALF;
                int weights = i * k.size;
                for (int j = 0; j < k.count[i]; j++) {
                    int p = (line * inLineStep + (k.first[i] + j) * inPixelStep) * 3;
                    int w = k.weights[weights + j];
                    r += (src[p] & 0xFF) * w;
                    g += (src[p + 1] & 0xFF) * w;
                    b += (src[p + 2] & 0xFF) * w;
                }
                int o = (line * outLineStep + i * outPixelStep) * 3;
                dst[o] = clip8(r);
                dst[o + 1] = clip8(g);
                dst[o + 2] = clip8(b);
            }
        }
        return new RgbImage(outW, outH, dst);
    }

    private static byte clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** For each output pixel: the first input pixel it reads, how many, and their fixed-point weights. */
    private record Kernel(int size, int[] first, int[] count, int[] weights) {

        /** Pillow's precompute_coeffs + normalize_coeffs_8bpc with the bilinear (triangle, support 1) filter. */
        static Kernel bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 1.0 * filterScale;
            double ss = 1.0 / filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize], count = new int[outSize], weights = new int[outSize * size];
            double[] k = new double[size];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                // (int) truncates toward zero, as the C cast does.
                int min = Math.max(0, (int) (center - support + 0.5));
                int n = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    k[j] = Math.max(0.0, 1.0 - Math.abs((j + min - center + 0.5) * ss));
                    sum += k[j];
                }
                for (int j = 0; j < n; j++) {
                    double w = sum != 0.0 ? k[j] / sum : k[j];
                    weights[i * size + j] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                first[i] = min;
                count[i] = n;
            }
            return new Kernel(size, first, count, weights);
        }
    }
}
