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
 * HRNetV2 semantic segmentation exactly as HRNet/HRNet-Semantic-Segmentation
 * {@code lib/models/seg_hrnet.py} ({@code HighResolutionNet}); parameter names are its
 * state_dict keys. The {@link HrnetBackbone} with bilinear fusion, then the head: every branch
 * upsampled bilinearly to branch 0 (1/4 of the input), concatenated, and {@code last_layer}:
 * 1x1 conv, BN, ReLU, classifier conv. Output: class logits at 1/4 of the input resolution
 * (rounded up at each stride), as the official model returns them.
 */
public final class HrnetV2Segmentation {
    /** The weight whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "last_layer.3.weight";
    /** The official trained checkpoints are saved from {@code FullModel(model, loss)}: keys carry this prefix. */
    static final String CHECKPOINT_PREFIX = "model.";
    /** ... and the loss's class weights come along; inference ignores them. */
    static final String LOSS_CLASS_WEIGHTS = "loss.criterion.weight";

    private HrnetV2Segmentation() {}

    public static Graph build(HrnetConfig cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.name(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        List<Value> branches = HrnetBackbone.build(b, cfg, FuseUpsampling.BILINEAR_TO_SIZE);
        b.ignoredTensor(LOSS_CLASS_WEIGHTS);
        return b.output(head(b, branches, cfg.finalConvKernel(), numClasses)).build();
    }

    /**
     * A key of an official checkpoint under our (state_dict) name: the trained Cityscapes models
     * were saved from the training wrapper, so {@code model.conv1.weight} is {@code conv1.weight},
     * as the official test.py strips it ({@code k[6:]}).
     */
    public static String checkpointKey(String key) {
        return key.startsWith(CHECKPOINT_PREFIX) ? key.substring(CHECKPOINT_PREFIX.length()) : key;
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
