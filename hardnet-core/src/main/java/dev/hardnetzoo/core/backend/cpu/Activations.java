package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;

/** Applies an activation in place over a range; the simple loops let C2 vectorise them. */
final class Activations {
    private Activations() {}

    static void apply(float[] a, int off, int len, Activation act) {
        switch (act) {
            case NONE -> { }
            case RELU -> {
                for (int i = off, end = off + len; i < end; i++) a[i] = Math.max(a[i], 0f);
            }
            case RELU6 -> {
                for (int i = off, end = off + len; i < end; i++) a[i] = Math.min(Math.max(a[i], 0f), 6f);
            }
        }
    }
}
