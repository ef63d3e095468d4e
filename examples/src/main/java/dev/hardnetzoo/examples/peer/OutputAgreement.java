package dev.hardnetzoo.examples.peer;

import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;

/**
 * How closely two engines' outputs agree. Float32 engines sum in different orders, so they are
 * held to a fraction of each output's scale (largest |value|), not to exact equality.
 *
 * @param maxAbsDiff largest |ours - theirs| over all outputs
 * @param scale      largest |theirs| of the output where that difference occurred
 */
public record OutputAgreement(double maxAbsDiff, double scale, boolean shapesMatch) {
    /** Default relative tolerance: what float32 reordering leaves on deep random-weight nets. */
    public static final double FLOAT32_TOLERANCE = 1e-3;

    public static OutputAgreement of(List<Tensor> ours, List<Tensor> theirs) {
        if (ours.size() != theirs.size()) return new OutputAgreement(Double.NaN, Double.NaN, false);
        double worstRatio = -1;
        double worstDiff = 0;
        double worstScale = 0;
        for (int k = 0; k < ours.size(); k++) {
            Tensor a = ours.get(k);
            Tensor b = theirs.get(k);
            if (!a.shape().equals(b.shape())) return new OutputAgreement(Double.NaN, Double.NaN, false);
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < a.size(); i++) {
                diff = Math.max(diff, Math.abs((double) a.data()[i] - b.data()[i]));
                scale = Math.max(scale, Math.abs(b.data()[i]));
            }
            double ratio = diff / Math.max(scale, Double.MIN_NORMAL);
            if (ratio > worstRatio || Double.isNaN(diff)) {
                worstRatio = ratio;
                worstDiff = diff;
                worstScale = scale;
            }
        }
        return new OutputAgreement(worstDiff, worstScale, true);
    }

    public boolean agrees(double relativeTolerance) {
        return shapesMatch && maxAbsDiff <= relativeTolerance * scale;
    }

    public boolean agrees() {
        return agrees(FLOAT32_TOLERANCE);
    }

    @Override
    public String toString() {
        return shapesMatch ? String.format(java.util.Locale.ROOT, "max |diff| %.3g at output scale %.3g", maxAbsDiff, scale)
                : "output shapes differ";
    }
}
