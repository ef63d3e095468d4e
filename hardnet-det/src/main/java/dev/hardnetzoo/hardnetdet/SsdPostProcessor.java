package dev.hardnetzoo.hardnetdet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference test-time post-processing (train_test.py {@code test_net}) for one image:
 * decode the offsets against the priors, softmax the logits, scale boxes to the image, drop
 * priors that are confidently background, then per class: score threshold, NMS, top-K; last,
 * keep the image's best {@code maxPerImage} scores. Boxes are not clipped to the image.
 * <p>
 * One departure: a prior whose box decodes to an infinite or NaN coordinate (its size offset
 * overflowed float32's exp, as with random or mismatched weights) is dropped with the background,
 * where the reference would keep it; such a box has no place in the image, and NaN would make
 * NMS's overlaps meaningless.
 */
public final class SsdPostProcessor {
    private final float[] priors;
    private final PriorConfig config;
    private final List<String> labels;
    private final int numClasses;

    public SsdPostProcessor(PriorConfig config, int numClasses, List<String> labels) {
        if (labels.size() != numClasses) {
            throw new IllegalArgumentException(labels.size() + " labels for " + numClasses + " classes");
        }
        this.config = config;
        this.priors = PriorBoxes.generate(config);
        this.labels = List.copyOf(labels);
        this.numClasses = numClasses;
    }

    public int priorCount() { return priors.length / 4; }

    /** Priors as (cx, cy, w, h) rows, relative to the input. */
    public float[] priors() { return priors.clone(); }

    /**
     * Detections for item {@code item} of the model's raw output [N, priors, 4 + classes],
     * best score first, boxes in pixels of an image of {@code imageWidth x imageHeight}.
     */
    public List<Detection> detect(float[] raw, int item, int imageWidth, int imageHeight, DetectionSettings s) {
        int row = 4 + numClasses;
        int count = priorCount();
        if (raw.length % ((long) count * row) != 0 || (long) (item + 1) * count * row > raw.length) {
            throw new IllegalArgumentException("raw output of " + raw.length + " floats is not [N, " + count + ", " + row
                    + "] with an item " + item);
        }
        int base = item * count * row;
        float[] boxes = BoxCoding.decode(raw, base, row, priors, config.variances());
        for (int i = 0; i < boxes.length; i++) boxes[i] *= (i % 2 == 0) ? imageWidth : imageHeight;
        float[] scores = softmax(raw, base, row, count);

        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int best = 0;
            for (int c = 1; c < numClasses; c++) if (scores[p * numClasses + c] > scores[p * numClasses + best]) best = c;
            if ((best > 0 || scores[p * numClasses] < s.backgroundThreshold()) && finiteBox(boxes, p)) kept.add(p);
        }
        List<Detection> out = new ArrayList<>();
        for (int c = 1; c < numClasses; c++) {
            int cls = c;
            int[] candidates = kept.stream().filter(p -> scores[p * numClasses + cls] > s.scoreThreshold())
                    .mapToInt(Integer::intValue).toArray();
            if (candidates.length == 0) continue;
            float[] classScores = new float[candidates.length];
            for (int i = 0; i < candidates.length; i++) classScores[i] = scores[candidates[i] * numClasses + c];
            for (int i : Nms.keep(boxes, candidates, classScores, s.nmsIou(), s.topKPerClass())) {
                int p = candidates[i];
                out.add(new Detection(c, labels.get(c), classScores[i], boxes[4 * p], boxes[4 * p + 1],
                        boxes[4 * p + 2], boxes[4 * p + 3]));
            }
        }
        out.sort(Comparator.comparingDouble((Detection d) -> -d.score()));
        if (out.size() > s.maxPerImage()) {
            float cut = out.get(s.maxPerImage() - 1).score();
            out.removeIf(d -> d.score() < cut);
        }
        return out;
    }

    private static boolean finiteBox(float[] boxes, int p) {
        for (int i = 4 * p; i < 4 * p + 4; i++) if (!Float.isFinite(boxes[i])) return false;
        return true;
    }

    /** Softmax over the class logits of every prior, [count * numClasses]. */
    private float[] softmax(float[] raw, int base, int row, int count) {
        float[] out = new float[count * numClasses];
        for (int p = 0; p < count; p++) {
            int r = base + p * row + 4;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) max = Math.max(max, raw[r + c]);
            float sum = 0;
            for (int c = 0; c < numClasses; c++) sum += out[p * numClasses + c] = (float) Math.exp(raw[r + c] - max);
            for (int c = 0; c < numClasses; c++) out[p * numClasses + c] /= sum;
        }
        return out;
    }
}
