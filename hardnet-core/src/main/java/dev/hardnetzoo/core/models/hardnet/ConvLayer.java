package dev.hardnetzoo.core.models.hardnet;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;

/**
 * The HarDNet repositories' {@code ConvLayer}: a conv (padding k/2, no bias) named {@code conv},
 * BatchNorm {@code norm} and an activation {@code relu}. The ImageNet classifiers use ReLU6,
 * FC-HarDNet and the SSD backbones plain ReLU; parameters and names are the same in all three.
 */
public final class ConvLayer {
    private ConvLayer() {}

    /** The classifiers' layer ({@code hardnet.py}): ReLU6. */
    public static Value relu6(GraphBuilder b, Value x, int out, int kernel, int stride) {
        return b.relu6("relu", convNorm(b, x, out, kernel, stride));
    }

    /** FC-HarDNet's and SSD-HarDNet's layer: ReLU. */
    public static Value relu(GraphBuilder b, Value x, int out, int kernel, int stride) {
        return b.relu("relu", convNorm(b, x, out, kernel, stride));
    }

    private static Value convNorm(GraphBuilder b, Value x, int out, int kernel, int stride) {
        return b.batchNorm("norm", b.conv2d("conv", x, out, kernel, stride, kernel / 2, 1, 1, false));
    }
}
