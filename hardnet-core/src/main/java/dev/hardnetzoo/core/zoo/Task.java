package dev.hardnetzoo.core.zoo;

/** What a model's output means. */
public enum Task {
    CLASSIFICATION, SEGMENTATION, DETECTION;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
