package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;

/**
 * A stand-alone BatchNorm and its activation, {@code act(x * scale[c] + shift[c])}, applied by a
 * conv kernel to its input as it packs it (DenseNet's pre-activation BatchNorm-ReLU in front of
 * each 1x1 conv), so the BatchNorm's own pass over the tensor goes.
 */
record InputAffine(float[] scale, float[] shift, Activation activation) {
    InputAffine {
        if (scale.length != shift.length) {
            throw new IllegalArgumentException(scale.length + " scales but " + shift.length + " shifts");
        }
    }

    /** to[dst + i] = act(from[src + i] * scale[c] + shift[c]) for i &lt; len: a run of channel c. */
    void apply(float[] from, int src, float[] to, int dst, int len, int c) {
        VectorAffine.run(from, src, to, dst, len, scale[c], shift[c], activation);
    }
}
