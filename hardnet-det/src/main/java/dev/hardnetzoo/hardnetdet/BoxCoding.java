package dev.hardnetzoo.hardnetdet;

/** Box geometry of SSD: decoding offsets against priors (the reference {@code decode}) and IoU. */
public final class BoxCoding {
    private BoxCoding() {}

    /**
     * Decodes one image's offsets into corner boxes (x1, y1, x2, y2), relative to the input:
     * centre = prior centre + offset * variance[0] * prior size, size = prior size * exp(offset * variance[1]).
     *
     * @param raw        rows of at least 4 floats, the offsets first; row {@code p} starts at {@code offset + p * rowLength}
     * @param priors     (cx, cy, w, h) per prior
     */
    public static float[] decode(float[] raw, int offset, int rowLength, float[] priors, double[] variances) {
        int count = priors.length / 4;
        float v0 = (float) variances[0];
        float v1 = (float) variances[1];
        float[] boxes = new float[count * 4];
        for (int p = 0; p < count; p++) {
            int r = offset + p * rowLength;
            int q = p * 4;
            // float32 step by step, in the reference's order of operations
            float cx = priors[q] + raw[r] * v0 * priors[q + 2];
            float cy = priors[q + 1] + raw[r + 1] * v0 * priors[q + 3];
            float w = priors[q + 2] * (float) Math.exp(raw[r + 2] * v1);
            float h = priors[q + 3] * (float) Math.exp(raw[r + 3] * v1);
            float x1 = cx - w / 2;
            float y1 = cy - h / 2;
            boxes[q] = x1;
            boxes[q + 1] = y1;
            boxes[q + 2] = w + x1;
            boxes[q + 3] = h + y1;
        }
        return boxes;
    }

    /** Intersection over union of boxes {@code i} and {@code j} of corner arrays (area = width * height, no +1). */
    public static float iou(float[] a, int i, float[] b, int j) {
        float ix1 = Math.max(a[4 * i], b[4 * j]);
        float iy1 = Math.max(a[4 * i + 1], b[4 * j + 1]);
        float ix2 = Math.min(a[4 * i + 2], b[4 * j + 2]);
        float iy2 = Math.min(a[4 * i + 3], b[4 * j + 3]);
        float inter = Math.max(0f, ix2 - ix1) * Math.max(0f, iy2 - iy1);
        float areaA = (a[4 * i + 2] - a[4 * i]) * (a[4 * i + 3] - a[4 * i + 1]);
        float areaB = (b[4 * j + 2] - b[4 * j]) * (b[4 * j + 3] - b[4 * j + 1]);
        return inter / (areaA + areaB - inter);
    }
}
