package dev.hardnetzoo.hardnetdet;

/**
 * Post-processing thresholds; {@link #official()} are the reference test_net's.
 *
 * @param scoreThreshold      a class score must exceed this to be a candidate (0.005)
 * @param nmsIou              candidates of one class overlapping a better one by more than this IoU are dropped (0.45)
 * @param topKPerClass        at most this many boxes per class survive NMS (50)
 * @param maxPerImage         at most this many boxes per image, by score; ties at the cut all stay, as in the reference (300)
 * @param backgroundThreshold a prior whose best class is background with at least this score is dropped first (0.9)
 */
public record DetectionSettings(float scoreThreshold, float nmsIou, int topKPerClass, int maxPerImage,
                                float backgroundThreshold) {

    public DetectionSettings {
        if (!(scoreThreshold >= 0 && scoreThreshold < 1)) throw new IllegalArgumentException("score threshold must be in [0, 1), got " + scoreThreshold);
        if (!(nmsIou > 0 && nmsIou <= 1)) throw new IllegalArgumentException("NMS IoU must be in (0, 1], got " + nmsIou);
        if (topKPerClass < 1) throw new IllegalArgumentException("top-K per class must be at least 1, got " + topKPerClass);
        if (maxPerImage < 1) throw new IllegalArgumentException("max detections per image must be at least 1, got " + maxPerImage);
        if (!(backgroundThreshold > 0 && backgroundThreshold <= 1)) {
            throw new IllegalArgumentException("background threshold must be in (0, 1], got " + backgroundThreshold);
        }
    }

    public static DetectionSettings official() {
        return new DetectionSettings(0.005f, 0.45f, 50, 300, 0.9f);
    }

    public DetectionSettings withScoreThreshold(float t) {
        return new DetectionSettings(t, nmsIou, topKPerClass, maxPerImage, backgroundThreshold);
    }

    public DetectionSettings withNmsIou(float iou) {
        return new DetectionSettings(scoreThreshold, iou, topKPerClass, maxPerImage, backgroundThreshold);
    }

    public DetectionSettings withTopKPerClass(int k) {
        return new DetectionSettings(scoreThreshold, nmsIou, k, maxPerImage, backgroundThreshold);
    }

    public DetectionSettings withMaxPerImage(int max) {
        return new DetectionSettings(scoreThreshold, nmsIou, topKPerClass, max, backgroundThreshold);
    }

    public DetectionSettings withBackgroundThreshold(float t) {
        return new DetectionSettings(scoreThreshold, nmsIou, topKPerClass, maxPerImage, t);
    }
}
