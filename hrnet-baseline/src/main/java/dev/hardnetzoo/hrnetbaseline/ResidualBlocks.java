package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;

/**
 * The official {@code BasicBlock} and {@code Bottleneck} (no conv biases, BatchNorm eps 1e-5),
 * and {@code _make_layer}: a sequence of blocks whose first one gets a 1x1 conv + BN
 * {@code downsample} when its input and output channels (or stride) differ.
 */
final class ResidualBlocks {
    private ResidualBlocks() {}

    /** Blocks {@code 0..count-1} in the current scope; returns the last block's output. */
    static Value layer(GraphBuilder b, Value x, BlockType block, int planes, int count) {
        Value y = x;
        for (int i = 0; i < count; i++) {
            try (Scope s = b.scope(Integer.toString(i))) {
                y = block(b, y, block, planes);
            }
        }
        return y;
    }

    private static Value block(GraphBuilder b, Value x, BlockType block, int planes) {
        int out = planes * block.expansion();
        Value y = switch (block) {
            case BASIC -> {
                Value h = convBn(b, "conv1", "bn1", x, planes, 3, true);
                yield convBn(b, "conv2", "bn2", h, planes, 3, false);
            }
            case BOTTLENECK -> {
                Value h = convBn(b, "conv1", "bn1", x, planes, 1, true);
                h = convBn(b, "conv2", "bn2", h, planes, 3, true);
                yield convBn(b, "conv3", "bn3", h, out, 1, false);
            }
        };
        Value residual = x;
        if (x.channels() != out) {
            try (Scope s = b.scope("downsample")) {
                residual = convBn(b, "0", "1", x, out, 1, false);
            }
        }
        return b.relu("relu", b.add("add", y, residual));
    }

    /** Stride-1 conv (padding k/2, no bias), BatchNorm, optional ReLU. */
    private static Value convBn(GraphBuilder b, String conv, String bn, Value x, int out, int kernel, boolean relu) {
        Value y = b.batchNorm(bn, b.conv2d(conv, x, out, kernel, 1, kernel / 2, 1, 1, false));
        return relu ? b.relu(bn + ".relu", y) : y;
    }
}
