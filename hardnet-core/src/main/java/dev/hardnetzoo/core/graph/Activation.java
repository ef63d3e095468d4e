package dev.hardnetzoo.core.graph;

/** Element-wise activations; fused into the op that produces the tensor where possible. */
public enum Activation {
    NONE, RELU, RELU6;

    public float apply(float x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x > 0f ? x : 0f;
            case RELU6 -> x > 0f ? (x < 6f ? x : 6f) : 0f;
        };
    }
}
