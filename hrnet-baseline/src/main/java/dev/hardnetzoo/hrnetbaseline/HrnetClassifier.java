package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * HRNet ImageNet classifiers as HRNet/HRNet-Image-Classification {@code cls_hrnet.py} and its
 * copy in timm ({@code timm/models/hrnet.py}, whose state_dict keys these are). The
 * {@link HrnetBackbone} with nearest-neighbour fusion, then the classification head: each
 * branch i widened by one Bottleneck to 4 x {32, 64, 128, 256} channels
 * ({@code incre_modules}), summed from the top down through strided 3x3 convs
 * ({@code downsamp_modules}), a 1x1 conv to 2048 ({@code final_layer}), global average pooling
 * and a linear {@code classifier}.
 */
public final class HrnetClassifier {
    /** The weight whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "classifier.weight";

    private static final int[] HEAD_CHANNELS = {32, 64, 128, 256};
    private static final int FEATURES = 2048;
    /** The nearest upsampling doubles exactly only when every stride divides the input. */
    static final int INPUT_MULTIPLE = 32;

    private HrnetClassifier() {}

    public static Graph build(HrnetConfig cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.name(), input, numClasses);
        if (input.h() % INPUT_MULTIPLE != 0 || input.w() % INPUT_MULTIPLE != 0) {
            throw new IllegalArgumentException(cfg.name() + " needs a height and width that are multiples of "
                    + INPUT_MULTIPLE + " (its fusion upsamples by exact factors of 2), got " + input.h() + "x" + input.w());
        }
        if (cfg.stages().get(3).numBranches() != HEAD_CHANNELS.length) {
            throw new IllegalArgumentException(cfg.name() + ": the classification head takes 4 branches, STAGE4 has "
                    + cfg.stages().get(3).numBranches());
        }
        GraphBuilder b = new GraphBuilder(input);
        List<Value> branches = HrnetBackbone.build(b, cfg, FuseUpsampling.NEAREST_BY_FACTOR);
        // All incre_modules first, as the official module registers them (so the weights come in its order).
        List<Value> widened = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) widened.add(incre(b, branches.get(i), i));
        Value y = widened.get(0);
        for (int i = 1; i < branches.size(); i++) {
            Value down;
            try (Scope s = b.scope("downsamp_modules." + (i - 1))) {
                int out = HEAD_CHANNELS[i] * BlockType.BOTTLENECK.expansion();
                down = b.relu("2", b.batchNorm("1", b.conv2d("0", y, out, 3, 2, 1, 1, 1, true)));
            }
            y = b.add("head_add" + i, widened.get(i), down);
        }
        try (Scope s = b.scope("final_layer")) {
            y = b.relu("2", b.batchNorm("1", b.conv2d("0", y, FEATURES, 1, 1, 0, 1, 1, true)));
        }
        Value pooled = b.flatten("flatten", b.globalAvgPool("global_pool", y));
        return b.output(b.linear("classifier", pooled, numClasses, true)).build();
    }

    private static Value incre(GraphBuilder b, Value x, int branch) {
        try (Scope s = b.scope("incre_modules." + branch)) {
            return ResidualBlocks.layer(b, x, BlockType.BOTTLENECK, HEAD_CHANNELS[branch], 1);
        }
    }
}
