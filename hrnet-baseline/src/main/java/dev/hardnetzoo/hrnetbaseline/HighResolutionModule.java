package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code HighResolutionModule}: each branch runs its residual blocks, then every
 * output branch i sums all branches, brought to its resolution and width:
 * a lower-resolution branch j &gt; i by 1x1 conv + BN and upsampling ({@link FuseUpsampling}:
 * bilinear to the size, align_corners false, or nearest by 2^(j-i)), a higher-resolution one j &lt; i by i-j strided 3x3 conv + BN steps (ReLU between
 * them, not after the last); then ReLU. The sum runs in the official order (branch 0 first).
 */
final class HighResolutionModule {
    private HighResolutionModule() {}

    /** The module in the current scope ({@code stageK.M}); returns one output per branch. */
    static List<Value> build(GraphBuilder b, List<Value> inputs, StageConfig stage, FuseUpsampling upsampling) {
        List<Value> x = new ArrayList<>();
        try (Scope s = b.scope("branches")) {
            for (int i = 0; i < inputs.size(); i++) {
                try (Scope branch = b.scope(Integer.toString(i))) {
                    x.add(ResidualBlocks.layer(b, inputs.get(i), stage.block(), stage.numChannels().get(i),
                            stage.numBlocks().get(i)));
                }
            }
        }
        if (x.size() == 1) return x;
        List<Value> fused = new ArrayList<>();
        try (Scope s = b.scope("fuse_layers")) {
            for (int i = 0; i < x.size(); i++) {
                try (Scope out = b.scope(Integer.toString(i))) {
                    Value y = fuseInput(b, x, 0, i, upsampling);
                    for (int j = 1; j < x.size(); j++) y = b.add("add" + j, y, fuseInput(b, x, j, i, upsampling));
                    fused.add(b.relu("relu", y));
                }
            }
        }
        return fused;
    }

    /** Branch j's contribution to output branch i, under the scope {@code fuse_layers.i.j}. */
    private static Value fuseInput(GraphBuilder b, List<Value> x, int j, int i, FuseUpsampling upsampling) {
        Value target = x.get(i);
        Value source = x.get(j);
        if (j == i) return source;
        try (Scope s = b.scope(Integer.toString(j))) {
            if (j > i) {
                Value y = b.batchNorm("1", b.conv2d("0", source, target.channels(), 1, 1, 0, 1, 1, false));
                return switch (upsampling) {
                    case BILINEAR_TO_SIZE -> b.resize("upsample", y, target.height(), target.width(), false);
                    case NEAREST_BY_FACTOR -> b.resizeNearestByScale("2", y, 1 << (j - i));
                };
            }
            Value y = source;
            for (int k = 0; k < i - j; k++) {
                boolean last = k == i - j - 1;
                try (Scope step = b.scope(Integer.toString(k))) {
                    y = b.conv2d("0", y, last ? target.channels() : source.channels(), 3, 2, 1, 1, 1, false);
                    y = b.batchNorm("1", y);
                    if (!last) y = b.relu("2", y);
                }
            }
            return y;
        }
    }
}
