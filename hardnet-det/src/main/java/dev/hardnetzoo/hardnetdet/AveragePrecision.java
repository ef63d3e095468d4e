package dev.hardnetzoo.hardnetdet;

/** The reference {@code voc_ap}: average precision from a precision/recall curve. */
public final class AveragePrecision {
    private AveragePrecision() {}

    /** VOC2007's 11-point AP: the mean over recall levels 0, 0.1, …, 1 of the best precision at that recall or more. */
    public static double elevenPoint(double[] recall, double[] precision) {
        requireSameLength(recall, precision);
        double ap = 0;
        for (int t = 0; t <= 10; t++) {
            double level = t / 10.0;
            double best = 0;
            for (int i = 0; i < recall.length; i++) if (recall[i] >= level) best = Math.max(best, precision[i]);
            ap += best / 11;
        }
        return ap;
    }

    /** The area under the precision envelope (VOC2010 on): precision made monotone, summed over recall steps. */
    public static double area(double[] recall, double[] precision) {
        requireSameLength(recall, precision);
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        mrec[n + 1] = 1;
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        for (int i = mpre.length - 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
        double ap = 0;
        for (int i = 0; i < n + 1; i++) {
            if (mrec[i + 1] != mrec[i]) ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
        }
        return ap;
    }

    private static void requireSameLength(double[] recall, double[] precision) {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException(recall.length + " recall values with " + precision.length + " precisions");
        }
    }
}
