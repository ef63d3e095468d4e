package dev.hardnetzoo.hardnetdet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PASCAL VOC detection AP per class and their mean, as the reference {@code voc_eval}: a class's
 * detections over all images by descending score; each is a true positive when its IoU (VOC's
 * inclusive +1 pixel areas) with an unmatched ground-truth box of its class exceeds 0.5, a false
 * positive otherwise; matching a "difficult" box counts as neither, and difficult boxes do not
 * count towards recall. Detections are shifted by +1 to VOC's 1-based pixels, as the reference
 * writes them. Classes without ground truth are left out of the mean. Not thread-safe.
 */
public final class VocEvaluator {
    private static final double IOU_THRESHOLD = 0.5;

    private record Scored(int image, Detection detection) {}

    private final List<String> classNames;
    private final List<List<GroundTruth>> truths = new ArrayList<>();
    private final Map<String, List<Scored>> detections = new LinkedHashMap<>();

    /** @param classNames the names to evaluate (usually all but the background) */
    public VocEvaluator(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        for (String c : classNames) detections.put(c, new ArrayList<>());
    }

    /** Adds one image's detections (original-image pixels, 0-based) and its annotations. */
    public void add(List<Detection> imageDetections, List<GroundTruth> imageTruths) {
        int image = truths.size();
        truths.add(List.copyOf(imageTruths));
        for (Detection d : imageDetections) {
            List<Scored> list = detections.get(d.className());
            if (list != null) list.add(new Scored(image, d));
        }
    }

    public int imageCount() { return truths.size(); }

    /** AP per class (classes with ground truth, in the given order) and mAP. */
    public VocResult result(boolean voc07) {
        Map<String, Double> ap = new LinkedHashMap<>();
        for (String c : classNames) {
            double[][] pr = precisionRecall(c);
            if (pr == null) continue;
            ap.put(c, voc07 ? AveragePrecision.elevenPoint(pr[1], pr[0]) : AveragePrecision.area(pr[1], pr[0]));
        }
        double mean = ap.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new VocResult(ap, mean, voc07);
    }

    /** {precision, recall} after each detection of class {@code c}, or null when it has no ground truth. */
    private double[][] precisionRecall(String c) {
        int positives = 0;
        List<boolean[]> used = new ArrayList<>();
        for (List<GroundTruth> image : truths) {
            used.add(new boolean[image.size()]);
            for (GroundTruth g : image) if (g.className().equals(c) && !g.difficult()) positives++;
        }
        if (positives == 0) return null;
        List<Scored> dets = new ArrayList<>(detections.get(c));
        dets.sort(Comparator.comparingDouble((Scored s) -> -s.detection().score()));
        List<double[]> points = new ArrayList<>();
        int tp = 0, fp = 0;
        for (Scored s : dets) {
            List<GroundTruth> image = truths.get(s.image());
            double best = Double.NEGATIVE_INFINITY;
            int bestIndex = -1;
            for (int g = 0; g < image.size(); g++) {
                if (!image.get(g).className().equals(c)) continue;
                double iou = vocIou(s.detection(), image.get(g));
                if (iou > best) {
                    best = iou;
                    bestIndex = g;
                }
            }
            if (best > IOU_THRESHOLD) {
                if (image.get(bestIndex).difficult()) continue;
                if (!used.get(s.image())[bestIndex]) {
                    used.get(s.image())[bestIndex] = true;
                    tp++;
                } else {
                    fp++;
                }
            } else {
                fp++;
            }
            points.add(new double[] {(double) tp / Math.max(tp + fp, Double.MIN_VALUE), (double) tp / positives});
        }
        double[] precision = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] recall = points.stream().mapToDouble(p -> p[1]).toArray();
        return new double[][] {precision, recall};
    }

    /** IoU with VOC's inclusive pixel areas ((x2 - x1 + 1) * (y2 - y1 + 1)), the detection moved to 1-based pixels. */
    static double vocIou(Detection d, GroundTruth g) {
        double x1 = d.x1() + 1.0, y1 = d.y1() + 1.0, x2 = d.x2() + 1.0, y2 = d.y2() + 1.0;
        double iw = Math.max(Math.min(g.xmax(), x2) - Math.max(g.xmin(), x1) + 1, 0);
        double ih = Math.max(Math.min(g.ymax(), y2) - Math.max(g.ymin(), y1) + 1, 0);
        double inter = iw * ih;
        double union = (x2 - x1 + 1) * (y2 - y1 + 1) + (g.xmax() - g.xmin() + 1.0) * (g.ymax() - g.ymin() + 1.0) - inter;
        return inter / union;
    }
}
