package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * HRNetV2 semantic segmentation exactly as HRNet/HRNet-Semantic-Segmentation
 * {@code lib/models/seg_hrnet.py} ({@code HighResolutionNet}); parameter names are its
 * state_dict keys. Stem (two stride-2 3x3 convs to 1/4), {@code layer1}, then for stages 2-4 a
 * transition (3x3 conv where a branch's width changes, strided 3x3 convs for each new
 * branch, from the lowest-resolution one) and the stage's high-resolution modules. The head
 * upsamples every branch bilinearly to branch 0 (1/4 of the input), concatenates them and
 * applies {@code last_layer}: 1x1 conv, BN, ReLU, classifier conv. Output: class logits at
 * 1/4 of the input resolution (rounded up at each stride), as the official model returns them.
 */
public final class HrnetV2Segmentation {
    /** The weight whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "last_layer.3.weight";

    private static final int STEM_CHANNELS = 64;

    private HrnetV2Segmentation() {}

    public static Graph build(HrnetConfig cfg, Shape input, int numClasses) {
        if (input.rank() != 4 || input.c() != 3) {
            throw new IllegalArgumentException(cfg.name() + " takes 3-channel NCHW images, got " + input);
        }
        if (numClasses < 1) throw new IllegalArgumentException(cfg.name() + ": class count must be at least 1, got " + numClasses);
        GraphBuilder b = new GraphBuilder(input);
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
                        branches = HighResolutionModule.build(b, branches, stage);
                    }
                }
            }
        }
        return b.output(head(b, branches, cfg.finalConvKernel(), numClasses)).build();
    }

    /**
     * The official {@code _make_transition_layer} as master's forward applies it: an existing
     * branch whose width changes gets a 3x3 conv + BN + ReLU of itself; new branch i gets
     * i+1-previous strided 3x3 convs (+ BN + ReLU) from the lowest-resolution branch.
     * (The pytorch-v1.1 forward fed the lowest branch to both kinds; no official config has
     * a width change, where the two agree.)
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

    private static Value head(GraphBuilder b, List<Value> branches, int finalKernel, int numClasses) {
        Value top = branches.get(0);
        List<Value> parts = new ArrayList<>();
        parts.add(top);
        for (int i = 1; i < branches.size(); i++) {
            Value x = branches.get(i);
            boolean sameSize = x.height() == top.height() && x.width() == top.width(); // upsampling would copy it
            parts.add(sameSize ? x : b.resize("upsample" + i, x, top.height(), top.width(), false));
        }
        Value x = b.concat("concat", parts);
        try (Scope s = b.scope("last_layer")) {
            x = b.conv2d("0", x, x.channels(), 1, 1, 0, 1, 1, true);
            x = b.relu("2", b.batchNorm("1", x));
            return b.conv2d("3", x, numClasses, finalKernel, 1, finalKernel / 2, 1, 1, true);
        }
    }
}
