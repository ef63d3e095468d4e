package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;

/**
 * What the SSD head needs from a backbone: two feature maps of the input image. The head
 * L2-normalises the shallow one (stride 8) and predicts from it, predicts from the deep one
 * (stride 16) and grows its extra layers from it. Any CNN whose graph the builder can express
 * fits, e.g. a DenseNet cut after its second and third dense blocks.
 */
@FunctionalInterface
public interface SsdBackbone {

    /** The backbone's two source feature maps. */
    record Features(Value shallow, Value deep) {}

    /** Adds the backbone's nodes to {@code b} (under its own parameter names) for {@code input}. */
    Features build(GraphBuilder b, Value input);
}
