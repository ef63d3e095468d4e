package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.backend.ModelParams;
import dev.hardnetzoo.core.graph.BatchNormParams;
import java.util.Map;

/** Inference BatchNorm as a per-channel affine map, and folded into the conv that precedes it. */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /** Conv weights and bias with a BatchNorm folded in. */
    public record FoldedConv(float[] weight, float[] bias) {}

    /** {scale, shift}: scale = gamma / sqrt(var + eps), shift = beta - mean * scale, in double. */
    /** The scale and shift of {@code bn}, its four tensors looked up in a compiled model's parameters. */
    public static float[][] scaleShift(BatchNormParams bn, Map<String, float[]> params) {
        return scaleShift(ModelParams.require(params, bn.weight()), ModelParams.require(params, bn.bias()),
                ModelParams.require(params, bn.runningMean()), ModelParams.require(params, bn.runningVar()), bn.eps());
    }

    public static float[][] scaleShift(float[] gamma, float[] beta, float[] mean, float[] var, float eps) {
        int c = gamma.length;
        if (beta.length != c || mean.length != c || var.length != c) {
            throw new IllegalArgumentException("BatchNorm tensors have different lengths");
        }
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double s = gamma[i] / Math.sqrt((double) var[i] + eps);
            scale[i] = (float) s;
            shift[i] = (float) (beta[i] - mean[i] * s);
        }
        return new float[][] {scale, shift};
    }

    /**
     * BN(conv(x)) as one conv: each output channel's weights times scale[oc], bias
     * (zero if absent) times scale[oc] plus shift[oc].
     */
    public static FoldedConv foldIntoConv(float[] weight, float[] bias, int outChannels, float[] scale, float[] shift) {
        if (weight.length % outChannels != 0 || scale.length != outChannels || shift.length != outChannels
                || (bias != null && bias.length != outChannels)) {
            throw new IllegalArgumentException("cannot fold BatchNorm of " + scale.length
                    + " channels into a conv of " + outChannels + " output channels");
        }
        int per = weight.length / outChannels;
        float[] w = new float[weight.length];
        float[] b = new float[outChannels];
        for (int oc = 0; oc < outChannels; oc++) {
            double s = scale[oc];
            for (int i = oc * per; i < (oc + 1) * per; i++) w[i] = (float) (weight[i] * s);
            b[oc] = (float) ((bias == null ? 0.0 : bias[oc]) * s + shift[oc]);
        }
        return new FoldedConv(w, b);
    }
}
