package dev.hardnetzoo.hardnetdet;

/**
 * The default boxes as the reference {@code PriorBox.forward}: for every source, cell (i, j)
 * in row-major order, the priors in the order small square, large square, then wide and tall
 * for each aspect ratio. Computed in double as Python does, stored as float32
 * (cx, cy, w, h) relative to the input, optionally clamped to [0, 1].
 */
public final class PriorBoxes {
    private PriorBoxes() {}

    /** [priorCount * 4] of (cx, cy, w, h). */
    public static float[] generate(PriorConfig cfg) {
        float[] out = new float[cfg.priorCount() * 4];
        int[] maps = cfg.featureMaps();
        int[] steps = cfg.steps();
        double[] minSizes = cfg.minSizes();
        double[] maxSizes = cfg.maxSizes();
        int[][] ratios = cfg.aspectRatios();
        double image = cfg.imageSize();
        int at = 0;
        for (int k = 0; k < maps.length; k++) {
            double fk = image / steps[k];
            double sk = minSizes[k] / image;
            for (int i = 0; i < maps[k]; i++) {
                for (int j = 0; j < maps[k]; j++) {
                    double cx = (j + 0.5) / fk;
                    double cy = (i + 0.5) / fk;
                    at = put(out, at, cx, cy, sk, sk, cfg.clip());
                    if (maxSizes.length > 0) {
                        double skPrime = Math.sqrt(sk * (maxSizes[k] / image));
                        at = put(out, at, cx, cy, skPrime, skPrime, cfg.clip());
                    }
                    for (int ar : ratios[k]) {
                        double r = Math.sqrt(ar);
                        at = put(out, at, cx, cy, sk * r, sk / r, cfg.clip());
                        at = put(out, at, cx, cy, sk / r, sk * r, cfg.clip());
                    }
                }
            }
        }
        return out;
    }

    private static int put(float[] out, int at, double cx, double cy, double w, double h, boolean clip) {
        out[at] = clamp((float) cx, clip);
        out[at + 1] = clamp((float) cy, clip);
        out[at + 2] = clamp((float) w, clip);
        out[at + 3] = clamp((float) h, clip);
        return at + 4;
    }

    private static float clamp(float v, boolean clip) {
        return clip ? Math.min(1f, Math.max(0f, v)) : v;
    }
}
