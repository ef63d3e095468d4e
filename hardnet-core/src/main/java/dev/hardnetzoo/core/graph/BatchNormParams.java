package dev.hardnetzoo.core.graph;

/**
 * Names of one inference-mode BatchNorm's tensors (official state_dict keys) and its epsilon.
 * y = (x - running_mean) / sqrt(running_var + eps) * weight + bias.
 */
public record BatchNormParams(String weight, String bias, String runningMean, String runningVar, float eps) {

    /** The tensors of a PyTorch {@code nn.BatchNorm2d} registered under {@code prefix}. */
    public static BatchNormParams under(String prefix, float eps) {
        return new BatchNormParams(prefix + ".weight", prefix + ".bias",
                prefix + ".running_mean", prefix + ".running_var", eps);
    }
}
