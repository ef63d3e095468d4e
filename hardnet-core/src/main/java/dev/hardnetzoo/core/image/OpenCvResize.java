package dev.hardnetzoo.core.image;

/**
 * {@code cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)} for 8-bit images, for models
 * whose reference preprocessing uses OpenCV (SSD): half-pixel centres, edge clamping, no
 * antialiasing when shrinking (unlike PIL's bilinear), and OpenCV's 11-bit fixed-point weights
 * with rounding. Its SIMD paths may round a value differently by one level.
 */
public final class OpenCvResize {
    private static final int COEF_BITS = 11;
    private static final int COEF_SCALE = 1 << COEF_BITS;

    private OpenCvResize() {}

    public static RgbImage linear(RgbImage src, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("resize to " + width + "x" + height);
        int[] xIndex = new int[width];
        int[] xWeight = new int[width * 2];
        taps(src.width(), width, xIndex, xWeight);
        int[] yIndex = new int[height];
        int[] yWeight = new int[height * 2];
        taps(src.height(), height, yIndex, yWeight);
        byte[] in = src.data();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        int[] row0 = new int[width * 3];
        int[] row1 = new int[width * 3];
        for (int y = 0; y < height; y++) {
            int sy = yIndex[y];
            horizontal(in, src.width(), Math.min(sy, src.height() - 1), xIndex, xWeight, row0);
            horizontal(in, src.width(), Math.min(sy + 1, src.height() - 1), xIndex, xWeight, row1);
            long b0 = yWeight[2 * y];
            long b1 = yWeight[2 * y + 1];
            int base = y * width * 3;
            for (int i = 0; i < width * 3; i++) {
                long v = (b0 * row0[i] + b1 * row1[i] + (1L << (2 * COEF_BITS - 1))) >> (2 * COEF_BITS);
                out[base + i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new RgbImage(width, height, out);
    }

    /** Source index and the two fixed-point weights of each destination position along one axis. */
    private static void taps(int srcSize, int dstSize, int[] index, int[] weight) {
        double scale = 1.0 / ((double) dstSize / srcSize);
        for (int d = 0; d < dstSize; d++) {
            double f = (d + 0.5) * scale - 0.5;
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                f = 0;
                s = 0;
            }
            if (s >= srcSize - 1) {
                f = 0;
                s = srcSize - 1;
            }
            index[d] = s;
            int w1 = (int) Math.rint(f * COEF_SCALE);
            weight[2 * d] = (int) Math.rint((1 - f) * COEF_SCALE);
            weight[2 * d + 1] = w1;
        }
    }

    private static void horizontal(byte[] in, int srcWidth, int y, int[] xIndex, int[] xWeight, int[] row) {
        int rowBase = y * srcWidth * 3;
        for (int x = 0; x < xIndex.length; x++) {
            int s0 = rowBase + xIndex[x] * 3;
            int s1 = rowBase + Math.min(xIndex[x] + 1, srcWidth - 1) * 3;
            int a0 = xWeight[2 * x];
            int a1 = xWeight[2 * x + 1];
            for (int c = 0; c < 3; c++) row[x * 3 + c] = (in[s0 + c] & 0xFF) * a0 + (in[s1 + c] & 0xFF) * a1;
        }
    }
}
