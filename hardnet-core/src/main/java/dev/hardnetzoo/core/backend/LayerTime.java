package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.tensor.Shape;

/**
 * Mean wall time of one compiled step of an {@link Executable}: the graph node it computes (a
 * step that also applies the BatchNorm before it is named for the node after), how the backend
 * computes it (e.g. {@code conv 3x3 s1 winograd F(4x4)+inputbn}) and its input's shape.
 */
public record LayerTime(Node node, String strategy, Shape input, double meanMs) {}
