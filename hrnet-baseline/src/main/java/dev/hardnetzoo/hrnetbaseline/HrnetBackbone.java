package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code HighResolutionNet} the segmentation and classification codes share, with
 * their state_dict names: stem (two stride-2 3x3 convs to 1/4), {@code layer1}, then for
 * stages 2-4 a transition and the stage's high-resolution modules. Returns the last stage's
 * branches, highest resolution first.
 */
final class HrnetBackbone {
    private static final int STEM_CHANNELS = 64;

    private HrnetBackbone() {}

    static List<Value> build(GraphBuilder b, HrnetConfig cfg, FuseUpsampling upsampling) {
        Value x = b.relu("relu1", b.batchNorm("bn1", b.conv2d("conv1", b.input(), STEM_CHANNELS, 3, 2, 1, 1, 1, false)));
        x = b.relu("relu2", b.batchNorm("bn2", b.conv2d("conv2", x, STEM_CHANNELS, 3, 2, 1, 1, 1, false)));
        StageConfig first = cfg.stages().get(0);
        try (Scope s = b.scope("layer1")) {
            x = ResidualBlocks.layer(b, x, first.block(), first.numChannels().get(0), first.numBlocks().get(0));
        }
        List<Value> branches = List.of(x);
        for (int k = 1; k < 4; k++) {
            StageConfig stage = cfg.stages().get(k);
            try (Scope s = b.scope("transition" + k)) {
                branches = transition(b, branches, stage);
            }
            try (Scope s = b.scope("stage" + (k + 1))) {
                for (int m = 0; m < stage.numModules(); m++) {
                    try (Scope module = b.scope(Integer.toString(m))) {
                        branches = HighResolutionModule.build(b, branches, stage, upsampling);
                    }
                }
            }
        }
        return branches;
    }

    /**
     * The official {@code _make_transition_layer} as seg_hrnet.py's master forward applies it:
     * an existing branch whose width changes gets a 3x3 conv + BN + ReLU of itself; new branch
     * i gets i+1-previous strided 3x3 convs (+ BN + ReLU) from the lowest-resolution branch.
     * (pytorch-v1.1, cls_hrnet.py and timm feed the lowest branch to both kinds, which fails for
     * a width change; no official configuration has one, and there the two agree.)
     */
    private static List<Value> transition(GraphBuilder b, List<Value> previous, StageConfig stage) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < stage.numBranches(); i++) {
            int channels = stage.outChannels(i);
            if (i < previous.size()) {
                Value x = previous.get(i);
                if (x.channels() == channels) {
                    out.add(x);
                    continue;
                }
                try (Scope s = b.scope(Integer.toString(i))) {
                    out.add(b.relu("2", b.batchNorm("1", b.conv2d("0", x, channels, 3, 1, 1, 1, 1, false))));
                }
                continue;
            }
            Value x = previous.get(previous.size() - 1);
            int steps = i + 1 - previous.size();
            try (Scope s = b.scope(Integer.toString(i))) {
                for (int j = 0; j < steps; j++) {
                    int width = j == steps - 1 ? channels : x.channels();
                    try (Scope step = b.scope(Integer.toString(j))) {
                        x = b.relu("2", b.batchNorm("1", b.conv2d("0", x, width, 3, 2, 1, 1, 1, false)));
                    }
                }
            }
            out.add(x);
        }
        return out;
    }
}
