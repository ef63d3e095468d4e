package dev.hardnetzoo.densenetbaseline;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * FC-DenseNet ("The One Hundred Layers Tiramisu", Jégou et al. 2017), the segmentation
 * networks the HarDNet paper compares FC-HarDNet against on CamVid, with the state_dict names
 * of bfortuner/pytorch_tiramisu ({@code firstconv}, {@code denseBlocksDown.i.layers.j.conv},
 * {@code transDownBlocks.i}, {@code bottleneck.bottleneck}, {@code transUpBlocks.i.convTrans},
 * {@code denseBlocksUp.i}, {@code finalConv}). The output is {@code finalConv}'s logits at the
 * input size; the reference's LogSoftmax on top changes no argmax. The configuration table
 * comes first.
 */
public final class FcDenseNet {

    /**
     * One row of the reference configuration.
     *
     * @param downBlocks        dense layers per block on the way down (one skip connection each)
     * @param upBlocks          dense layers per block on the way up
     * @param bottleneckLayers  dense layers at the lowest resolution
     * @param growthRate        channels each dense layer adds
     * @param firstConvChannels channels of the 3x3 stem convolution
     */
    public record Config(String id, int[] downBlocks, int[] upBlocks, int bottleneckLayers, int growthRate,
                         int firstConvChannels) {}

    /** FC-DenseNet56 (the reference code's FCDenseNet57): 4 layers per block, k = 12. */
    public static final Config FCDENSENET56 = new Config("fcdensenet56", new int[] {4, 4, 4, 4, 4},
            new int[] {4, 4, 4, 4, 4}, 4, 12, 48);
    public static final Config FCDENSENET103 = new Config("fcdensenet103", new int[] {4, 5, 7, 10, 12},
            new int[] {12, 10, 7, 5, 4}, 15, 16, 48);

    /** The classifier conv, whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "finalConv.weight";

    private FcDenseNet() {}

    /** Per-pixel class logits [N, classes, H, W] for {@code input} (NCHW, 3 channels). */
    public static Graph build(Config cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.id(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        Value x = b.conv2d("firstconv", b.input(), cfg.firstConvChannels(), 3, 1, 1, 1, 1, true);
        Deque<Value> skips = new ArrayDeque<>();
        for (int i = 0; i < cfg.downBlocks().length; i++) {
            try (Scope s = b.scope("denseBlocksDown." + i)) {
                x = denseBlock(b, x, cfg.downBlocks()[i], cfg.growthRate(), false);
            }
            skips.push(x);
            try (Scope s = b.scope("transDownBlocks." + i)) {
                x = transitionDown(b, x);
            }
        }
        try (Scope s = b.scope("bottleneck.bottleneck")) {
            x = denseBlock(b, x, cfg.bottleneckLayers(), cfg.growthRate(), true);
        }
        for (int i = 0; i < cfg.upBlocks().length; i++) {
            try (Scope s = b.scope("transUpBlocks." + i)) {
                x = transitionUp(b, x, skips.pop());
            }
            boolean last = i == cfg.upBlocks().length - 1;
            try (Scope s = b.scope("denseBlocksUp." + i)) {
                x = denseBlock(b, x, cfg.upBlocks()[i], cfg.growthRate(), !last);
            }
        }
        x = b.conv2d("finalConv", x, numClasses, 1, 1, 0, 1, 1, true);
        return b.output(x).build();
    }

    /**
     * Reference {@code DenseBlock}: each layer reads {@code x} and {@code x = cat(x, out)}. In
     * upsample mode the block returns only the new features, else the whole {@code x}. Built
     * as the reference nests its concats, so {@code x} grows in one buffer.
     */
    private static Value denseBlock(GraphBuilder b, Value input, int layers, int growthRate, boolean upsample) {
        Value x = input;
        List<Value> newFeatures = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            Value out;
            try (Scope s = b.scope("layers." + i)) {
                out = denseLayer(b, x, growthRate);
            }
            newFeatures.add(out);
            // the reference also concatenates after an upsampling block's last layer, but nothing reads that
            if (!upsample || i < layers - 1) x = b.concat("cat" + i, List.of(x, out));
        }
        return upsample ? b.concat("new_features", newFeatures) : x;
    }

    /** Reference {@code DenseLayer}: BN, ReLU, conv 3x3 with bias (Dropout2d is off at inference). */
    private static Value denseLayer(GraphBuilder b, Value x, int growthRate) {
        Value y = b.batchNorm("norm", x);
        y = b.relu("relu", y);
        return b.conv2d("conv", y, growthRate, 3, 1, 1, 1, 1, true);
    }

    /** Reference {@code TransitionDown}: BN, ReLU, conv 1x1 with bias, max-pool 2x2. */
    private static Value transitionDown(GraphBuilder b, Value x) {
        Value y = b.batchNorm("norm", x);
        y = b.relu("relu", y);
        y = b.conv2d("conv", y, x.channels(), 1, 1, 0, 1, 1, true);
        return b.maxPool("maxpool", y, 2, 2, 0, false);
    }

    /**
     * Reference {@code TransitionUp}: a 3x3 stride-2 transposed conv (output 2n + 1), cropped to
     * the skip connection's size as its {@code center_crop} does (offsets rounded down), then
     * concatenated in front of the skip.
     */
    private static Value transitionUp(GraphBuilder b, Value x, Value skip) {
        Value up = b.convTranspose2d("convTrans", x, x.channels(), 3, 2, 0, 0, true);
        Value cropped = b.crop("center_crop", up, (up.height() - skip.height()) / 2, (up.width() - skip.width()) / 2,
                skip.height(), skip.width());
        return b.concat("cat", List.of(cropped, skip));
    }
}
