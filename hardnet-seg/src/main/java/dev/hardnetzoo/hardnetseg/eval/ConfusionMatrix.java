package dev.hardnetzoo.hardnetseg.eval;

/**
 * Pixel counts by (true class, predicted class), as ptsemseg's {@code runningScore}: pixels whose
 * true label is outside 0..classes-1 (e.g. the ignore index 255) are not counted. Not thread-safe.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) throw new IllegalArgumentException("a confusion matrix needs at least one class, got " + classes);
        this.classes = classes;
        this.counts = new long[Math.multiplyExact(classes, classes)];
    }

    public int classes() {
        return classes;
    }

    /** Pixels of true class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth * classes + predicted];
    }

    /** Adds one image: {@code truth} and {@code predicted} are per-pixel class ids of the same pixels. */
    public void add(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " pixels but the prediction has " + predicted.length);
        }
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            if (t < 0 || t >= classes) continue;
            int p = predicted[i];
            if (p < 0 || p >= classes) {
                throw new IllegalArgumentException("predicted class " + p + " at pixel " + i + " is outside 0.." + (classes - 1));
            }
            counts[t * classes + p]++;
        }
    }

    public void add(ConfusionMatrix other) {
        if (other.classes != classes) throw new IllegalArgumentException("cannot add a " + other.classes + "-class matrix to a " + classes + "-class one");
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
    }

    /** Intersection over union per class: TP / (TP + FP + FN); NaN for a class neither present nor predicted. */
    public double[] iou() {
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            long tp = count(c, c);
            long union = rowSum(c) + columnSum(c) - tp;
            out[c] = union == 0 ? Double.NaN : (double) tp / union;
        }
        return out;
    }

    /** The mean of the per-class IoUs that are defined (numpy's nanmean, as the official scorer). */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Correct pixels over counted pixels; NaN when nothing was counted. */
    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int c = 0; c < classes; c++) {
            correct += count(c, c);
            total += rowSum(c);
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public long rowSum(int truth) {
        long s = 0;
        for (int p = 0; p < classes; p++) s += count(truth, p);
        return s;
    }

    public long columnSum(int predicted) {
        long s = 0;
        for (int t = 0; t < classes; t++) s += count(t, predicted);
        return s;
    }
}
