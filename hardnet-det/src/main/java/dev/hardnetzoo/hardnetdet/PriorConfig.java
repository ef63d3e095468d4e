package dev.hardnetzoo.hardnetdet;

import java.util.Arrays;

/**
 * The prior-box configuration of one SSD, as the reference {@code data/config.py} tables
 * (VOC_300, VOC_512, COCO_300, COCO_512). Sizes are in input pixels.
 *
 * @param imageSize     the square input side the priors are laid out for
 * @param featureMaps   side of each source feature map
 * @param steps         input pixels per feature-map cell, per source
 * @param minSizes      the small square prior's side, per source
 * @param maxSizes      with minSizes, sets the large square prior's side sqrt(min * max)
 * @param aspectRatios  extra ratios per source; each adds a wide and a tall prior
 * @param variances     the box-encoding variances (centre, size)
 * @param clip          whether prior coordinates are clamped to [0, 1]
 */
public record PriorConfig(int imageSize, int[] featureMaps, int[] steps, double[] minSizes, double[] maxSizes,
                          int[][] aspectRatios, double[] variances, boolean clip) {

    private static final int[][] RATIOS_300 = {{2, 3}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}};
    private static final int[][] RATIOS_512 = {{2, 3}, {2, 3}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}};
    private static final double[] VARIANCES = {0.1, 0.2};

    public static final PriorConfig VOC_300 = new PriorConfig(300, new int[] {38, 19, 10, 5, 3, 1},
            new int[] {8, 16, 32, 64, 100, 300}, new double[] {30, 60, 111, 162, 213, 264},
            new double[] {60, 111, 162, 213, 264, 315}, RATIOS_300, VARIANCES, true);
    public static final PriorConfig VOC_512 = new PriorConfig(512, new int[] {64, 32, 16, 8, 4, 2, 1},
            new int[] {8, 16, 32, 64, 128, 256, 512}, new double[] {35.84, 76.8, 153.6, 230.4, 307.2, 384.0, 460.8},
            new double[] {76.8, 153.6, 230.4, 307.2, 384.0, 460.8, 537.6}, RATIOS_512, VARIANCES, true);
    public static final PriorConfig COCO_300 = new PriorConfig(300, new int[] {38, 19, 10, 5, 3, 1},
            new int[] {8, 16, 32, 64, 100, 300}, new double[] {21, 45, 99, 153, 207, 261},
            new double[] {45, 99, 153, 207, 261, 315}, RATIOS_300, VARIANCES, true);
    public static final PriorConfig COCO_512 = new PriorConfig(512, new int[] {64, 32, 16, 8, 4, 2, 1},
            new int[] {8, 16, 32, 64, 128, 256, 512}, new double[] {20.48, 51.2, 133.12, 215.04, 296.96, 378.88, 460.8},
            new double[] {51.2, 133.12, 215.04, 296.96, 378.88, 460.8, 542.72}, RATIOS_512, VARIANCES, true);

    public PriorConfig {
        int sources = featureMaps.length;
        if (sources == 0 || steps.length != sources || minSizes.length != sources || aspectRatios.length != sources
                || (maxSizes.length != 0 && maxSizes.length != sources)) {
            throw new IllegalArgumentException("prior config needs one step, min size, (max size) and ratio list per "
                    + "feature map: " + sources + " maps, " + steps.length + " steps, " + minSizes.length + " min sizes, "
                    + maxSizes.length + " max sizes, " + aspectRatios.length + " ratio lists");
        }
        if (variances.length != 2 || !(variances[0] > 0) || !(variances[1] > 0)) {
            throw new IllegalArgumentException("variances must be two positive numbers, got " + Arrays.toString(variances));
        }
        featureMaps = featureMaps.clone();
        steps = steps.clone();
        minSizes = minSizes.clone();
        maxSizes = maxSizes.clone();
        aspectRatios = Arrays.stream(aspectRatios).map(int[]::clone).toArray(int[][]::new);
        variances = variances.clone();
    }

    /** The reference configuration for an input size and a dataset (COCO when 81 classes, else VOC). */
    public static PriorConfig forModel(int imageSize, int numClasses) {
        boolean coco = numClasses == 81;
        return switch (imageSize) {
            case 300 -> coco ? COCO_300 : VOC_300;
            case 512 -> coco ? COCO_512 : VOC_512;
            default -> throw new IllegalArgumentException("SSD priors exist for 300 and 512 inputs, not " + imageSize);
        };
    }

    /** Priors per feature-map cell of source {@code k}: the two squares plus two per aspect ratio. */
    public int boxesPerCell(int k) {
        return 1 + (maxSizes.length > 0 ? 1 : 0) + 2 * aspectRatios[k].length;
    }

    /** All priors of all sources. */
    public int priorCount() {
        int n = 0;
        for (int k = 0; k < featureMaps.length; k++) n += featureMaps[k] * featureMaps[k] * boxesPerCell(k);
        return n;
    }

    @Override public int[] featureMaps() { return featureMaps.clone(); }
    @Override public int[] steps() { return steps.clone(); }
    @Override public double[] minSizes() { return minSizes.clone(); }
    @Override public double[] maxSizes() { return maxSizes.clone(); }
    @Override public int[][] aspectRatios() { return Arrays.stream(aspectRatios).map(int[]::clone).toArray(int[][]::new); }
    @Override public double[] variances() { return variances.clone(); }
}
