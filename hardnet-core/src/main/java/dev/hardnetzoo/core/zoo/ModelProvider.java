package dev.hardnetzoo.core.zoo;

import java.util.List;

/**
 * Contributes models to the {@link ModelZoo}. Each module lists its provider in
 * {@code META-INF/services/dev.hardnetzoo.core.zoo.ModelProvider}; a user's own backbone
 * joins the zoo the same way.
 */
public interface ModelProvider {
    List<ModelSpec> models();

    /** Whether this provider ships with hardnet-zoo; listings show built-in models before user-added ones. */
    default boolean builtIn() {
        return false;
    }
}
