package dev.hardnetzoo.core.graph;

import dev.hardnetzoo.core.tensor.Shape;

/**
 * A tensor a model expects in its weights file. {@code trainable} tensors are what PyTorch
 * counts as parameters; the others (BatchNorm running statistics) are buffers.
 */
public record ParamSpec(String name, Shape shape, boolean trainable) {}
