package dev.hardnetzoo.densenetbaseline;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DenseNet-BC classifiers exactly as torchvision's {@code models/densenet.py} (ImageNet) and
 * gpleiss/efficient_densenet_pytorch's {@code models/densenet.py} (CIFAR, {@code small_inputs}):
 * pre-activation dense layers (BN-ReLU-Conv1x1 to {@code bn_size * growth}, BN-ReLU-Conv3x3
 * to {@code growth}), each reading the concatenation of all earlier features of its block;
 * transitions BN-ReLU-Conv1x1-AvgPool2; a final BN, ReLU, global pool and linear classifier.
 * Parameter names are the state_dict keys of those implementations. The configuration table
 * comes first.
 */
public final class DenseNet {

    /**
     * One row of the reference configuration.
     *
     * @param growthRate      channels each dense layer adds ({@code k})
     * @param blocks          dense layers per block
     * @param initFeatures    channels of the stem convolution
     * @param bnSize          bottleneck width as a multiple of the growth rate
     * @param compression     transition output = {@code (int) (channels * compression)}
     * @param smallInputs     CIFAR stem: one 3x3 conv, no norm/pool (efficient_densenet's {@code small_inputs})
     * @param finalNorm       name of the last BatchNorm under {@code features}
     */
    public record Config(String id, int growthRate, int[] blocks, int initFeatures, int bnSize,
                         double compression, boolean smallInputs, String finalNorm) {}

    public static final Config DENSENET121 = new Config("densenet121", 32, new int[] {6, 12, 24, 16}, 64, 4, 0.5, false, "norm5");
    public static final Config DENSENET161 = new Config("densenet161", 48, new int[] {6, 12, 36, 24}, 96, 4, 0.5, false, "norm5");
    public static final Config DENSENET169 = new Config("densenet169", 32, new int[] {6, 12, 32, 32}, 64, 4, 0.5, false, "norm5");
    public static final Config DENSENET201 = new Config("densenet201", 32, new int[] {6, 12, 48, 32}, 64, 4, 0.5, false, "norm5");
    /** DenseNet-BC, depth 100 = 3 blocks x 16 layers x 2 convs + stem + 2 transitions + classifier. */
    public static final Config DENSENET_BC_100_K12 = new Config("densenet-bc-100-k12", 12, new int[] {16, 16, 16}, 24, 4, 0.5,
            true, "norm_final");

    /** Name of the final Linear's weight, whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "classifier.weight";

    /**
     * torchvision's legacy checkpoints (the original model-zoo files) name the dense layers'
     * modules {@code norm.1}, {@code conv.1}, {@code norm.2}, {@code conv.2}; torchvision's
     * {@code _load_state_dict} renames them with this pattern, which also takes the
     * {@code num_batches_tracked} buffers that checkpoints re-saved by newer PyTorch carry.
     */
    private static final Pattern LEGACY_KEY =
            Pattern.compile("^(.*denselayer\\d+\\.(?:norm|relu|conv))\\.((?:[12])\\.(?:weight|bias|running_mean|running_var|num_batches_tracked))$");

    private DenseNet() {}

    /** {@code features.denseblock1.denselayer1.norm.1.weight} to {@code ...denselayer1.norm1.weight}; other keys unchanged. */
    public static String officialKey(String checkpointKey) {
        Matcher m = LEGACY_KEY.matcher(checkpointKey);
        return m.matches() ? m.group(1) + m.group(2) : checkpointKey;
    }

    /** The classifier for {@code input} (NCHW, 3 channels) with {@code numClasses} outputs. */
    public static Graph build(Config cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.id(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        List<Value> blocks = blockOutputs(b, cfg, cfg.blocks().length);
        Value x;
        try (Scope features = b.scope("features")) {
            x = b.batchNorm(cfg.finalNorm(), blocks.get(blocks.size() - 1));
        }
        x = b.relu("relu", x);
        x = b.globalAvgPool("pool", x);
        x = b.flatten("flatten", x);
        x = b.linear("classifier", x, numClasses, true);
        return b.output(x).build();
    }

    /**
     * The stem and the first {@code count} dense blocks (with the transitions between them) under
     * {@code features}, on {@code b}'s input; returns each block's output. For backbones of other
     * heads, e.g. an SSD on the outputs of blocks 2 and 3 (strides 8 and 16).
     */
    public static List<Value> blockOutputs(GraphBuilder b, Config cfg, int count) {
        if (count < 1 || count > cfg.blocks().length) {
            throw new IllegalArgumentException(cfg.id() + " has " + cfg.blocks().length + " dense blocks, not " + count);
        }
        List<Value> outputs = new ArrayList<>();
        try (Scope features = b.scope("features")) {
            Value x = stem(b, cfg);
            for (int i = 0; i < count; i++) {
                try (Scope block = b.scope("denseblock" + (i + 1))) {
                    x = denseBlock(b, x, cfg.blocks()[i], cfg.growthRate(), cfg.bnSize());
                }
                outputs.add(x);
                if (i < cfg.blocks().length - 1 && i < count - 1) {
                    try (Scope transition = b.scope("transition" + (i + 1))) {
                        x = transition(b, x, (int) (x.channels() * cfg.compression()));
                    }
                }
            }
        }
        return outputs;
    }

    /** ImageNet: conv 7x7/2, BN, ReLU, max-pool 3x3/2. CIFAR: one conv 3x3/1. */
    private static Value stem(GraphBuilder b, Config cfg) {
        if (cfg.smallInputs()) return b.conv2d("conv0", b.input(), cfg.initFeatures(), 3, 1, 1, 1, 1, false);
        Value x = b.conv2d("conv0", b.input(), cfg.initFeatures(), 7, 2, 3, 1, 1, false);
        x = b.batchNorm("norm0", x);
        x = b.relu("relu0", x);
        return b.maxPool("pool0", x, 3, 2, 1, false);
    }

    /**
     * Layer {@code i} reads {@code cat(input, new_1, ..., new_{i-1})}; the block returns
     * {@code cat(input, new_1, ..., new_L)}. Every concatenation is a prefix of the block's
     * output, so the memory planner keeps the whole block in one buffer and copies nothing.
     */
    static Value denseBlock(GraphBuilder b, Value input, int layers, int growthRate, int bnSize) {
        List<Value> features = new ArrayList<>();
        features.add(input);
        for (int i = 1; i <= layers; i++) {
            try (Scope layer = b.scope("denselayer" + i)) {
                Value in = features.size() == 1 ? input : b.concat("cat", features);
                features.add(denseLayer(b, in, growthRate, bnSize));
            }
        }
        return b.concat("cat", features);
    }

    /** torchvision {@code _DenseLayer} (dropout off at inference). */
    private static Value denseLayer(GraphBuilder b, Value in, int growthRate, int bnSize) {
        Value x = b.batchNorm("norm1", in);
        x = b.relu("relu1", x);
        x = b.conv2d("conv1", x, bnSize * growthRate, 1, 1, 0, 1, 1, false);
        x = b.batchNorm("norm2", x);
        x = b.relu("relu2", x);
        return b.conv2d("conv2", x, growthRate, 3, 1, 1, 1, 1, false);
    }

    /** torchvision {@code _Transition}: BN, ReLU, conv 1x1, avg-pool 2x2/2. */
    private static Value transition(GraphBuilder b, Value in, int outChannels) {
        Value x = b.batchNorm("norm", in);
        x = b.relu("relu", x);
        x = b.conv2d("conv", x, outChannels, 1, 1, 0, 1, 1, false);
        return b.avgPool("pool", x, 2, 2, 0, false, true);
    }
}
