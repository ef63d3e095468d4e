package dev.hardnetzoo.core.weights.torch;

/**
 * A storage named by a persistent id. {@code elementOffset} is non-zero only for the legacy
 * format's storage views, which start part-way into their root storage {@code key}.
 */
record StorageRef(String key, StorageType type, long numel, long elementOffset) {}
