package dev.hardnetzoo.hardnetseg.models;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.image.ChannelOrder;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.models.hardnet.ConvLayer;
import dev.hardnetzoo.core.models.hardnet.HarDBlock;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * FC-HarDNet: a U-shaped encoder-decoder of HarDBlocks, as PingoLH/FCHarDNet
 * {@code ptsemseg/models/hardnet.py} (class {@code hardnet}). Parameter names are its state_dict
 * keys: {@code base.<i>} (stem convs, encoder blocks, 1x1 transitions, AvgPools),
 * {@code conv1x1_up.<i>}, {@code denseBlocksUp.<i>}, {@code finalConv}.
 *
 * <p>Encoder: stem convs, then per stage a HarDBlock, an optional 1x1 transition and, for the
 * first {@code skips} stages, a 2x2 AvgPool; a stage's block output (before its transition) is
 * its skip. Decoder, from the deepest skip up: bilinear resize (align_corners) to the skip's
 * size, concat [upsampled, skip], 1x1 ConvLayer, HarDBlock with the matching stage's growth and
 * depth. A 1x1 conv with bias gives the class logits, resized bilinearly to the input size.
 *
 * <p><b>The CamVid variants</b> (HarDNet paper, ICCV 2019, Table 3) give only the first conv's
 * width, the six block depths and growth rates, and m = 1.7. The rest is our reading of "replace
 * the blocks of FC-DenseNet with HarDBlocks" (FC-DenseNet's layout: one stride-1 3x3 conv, five
 * encoder blocks each followed by a transition down, a sixth "bottleneck" block, five transitions
 * up and decoder blocks), chosen so that the layer count is the name (1 + encoder layers + 5
 * transitions down + bottleneck layers + 5 transitions up + decoder layers + 1) and the parameter
 * counts land near the paper's (1.4 / 3.5 / 8.4 M): encoder blocks keep their input in their
 * output (FC-DenseNet's global dense connection, {@code keepBase}); each transition down is a
 * width-preserving 1x1 ConvLayer then AvgPool 2x2 (as in FC-HarDNet-70); the bottleneck block has
 * no transition; each transition up is FC-HarDNet-70's bilinear resize + concat + 1x1 ConvLayer,
 * width-preserving instead of halving. That gives 1,369,847 / 3,591,575 / 8,563,999 parameters
 * at 11 classes. The paper's Table 2 supports this reading: our CIO at 360x480 (144.4 / 285.0 /
 * 385.1 M elements) and MACs (8.53 / 30.46 / 56.86 G) stand to each other as its CIO (473 / 932 /
 * 1267 MB) and GMACs (15 / 54 / 100) do, within 1 %, though its units differ from ours by constant
 * factors (about 3.3 and 1.76) that the paper does not explain.
 */
public final class FcHarDNet {

    /** Width of a 1x1 transition that keeps its input's width. */
    public static final int SAME = 0;
    /** No transition after that encoder block. */
    public static final int NONE = -1;

    /**
     * One configuration.
     *
     * @param stem            {channels, stride} of each 3x3 stem ConvLayer
     * @param growth          growth rate of each encoder block (decoder block i reuses entry i)
     * @param layers          depth of each encoder block (decoder block i reuses entry i)
     * @param transitions     width of the 1x1 ConvLayer after each encoder block, {@link #SAME} or {@link #NONE}
     * @param skips           how many leading encoder stages end in an AvgPool and feed a skip connection
     * @param encoderKeepBase whether the pooled encoder blocks keep their input in their output
     * @param halveUpConv     whether the 1x1 conv after each skip concat halves the width (FC-HarDNet-70) or keeps it
     */
    public record Config(String id, int[][] stem, int[] growth, int[] layers, int[] transitions, int skips,
                         boolean encoderKeepBase, boolean halveUpConv, double grmul) {}

    public static final Config FCHARDNET70 = new Config("fchardnet70",
            new int[][] {{16, 2}, {24, 1}, {32, 2}, {48, 1}},
            new int[] {10, 16, 18, 24, 32}, new int[] {4, 4, 8, 8, 8},
            new int[] {64, 96, 160, 224, 320}, 4, false, true, 1.7);
    public static final Config FCHARDNET68 = camvid("fchardnet68", 8,
            new int[] {4, 6, 8, 8, 10, 10}, new int[] {4, 4, 4, 4, 8, 8});
    public static final Config FCHARDNET76 = camvid("fchardnet76", 24,
            new int[] {8, 10, 12, 12, 12, 14}, new int[] {4, 4, 4, 8, 8, 8});
    public static final Config FCHARDNET84 = camvid("fchardnet84", 32,
            new int[] {10, 12, 14, 16, 20, 22}, new int[] {4, 4, 8, 8, 8, 8});

    private static Config camvid(String id, int firstConv, int[] growth, int[] layers) {
        return new Config(id, new int[][] {{firstConv, 1}}, growth, layers,
                new int[] {SAME, SAME, SAME, SAME, SAME, NONE}, 5, true, false, 1.7);
    }

    /**
     * The official Cityscapes input: the loader flips RGB to BGR and normalises with the ImageNet
     * mean/std listed in BGR order, after dividing by 255. Images are used at their own size.
     */
    public static Preprocessing cityscapesPreprocessing() {
        return new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.BGR, 1f / 255,
                new float[] {0.406f, 0.456f, 0.485f}, new float[] {0.225f, 0.224f, 0.229f});
    }

    /** The CamVid loader of the same repository: BGR, minus the Caffe BGR mean, then /255. */
    public static Preprocessing camvidPreprocessing() {
        return new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.BGR, 1f / 255,
                new float[] {104.00699f / 255, 116.66877f / 255, 122.67892f / 255}, new float[] {1, 1, 1});
    }

    /** The weight whose first dimension is the class count. */
    public static final String CLASSIFIER_WEIGHT = "finalConv.weight";

    private FcHarDNet() {}

    /** The network for {@code input} (NCHW, 3 channels) with {@code numClasses} output maps. */
    public static Graph build(Config cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.id(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        List<Value> skips = new ArrayList<>();
        Value x = b.input();
        int index = 0;
        try (Scope base = b.scope("base")) {
            for (int[] conv : cfg.stem()) {
                try (Scope s = b.scope(Integer.toString(index++))) {
                    x = ConvLayer.relu(b, x, conv[0], 3, conv[1]);
                }
            }
            for (int stage = 0; stage < cfg.layers().length; stage++) {
                boolean pooled = stage < cfg.skips();
                try (Scope s = b.scope(Integer.toString(index++))) {
                    x = HarDBlock.build(b, x, cfg.growth()[stage], cfg.grmul(), cfg.layers()[stage],
                            pooled && cfg.encoderKeepBase(), FcHarDNet::blockLayer);
                }
                if (pooled) skips.add(x);
                int width = cfg.transitions()[stage];
                if (width != NONE) {
                    try (Scope s = b.scope(Integer.toString(index++))) {
                        x = ConvLayer.relu(b, x, width == SAME ? x.channels() : width, 1, 1);
                    }
                }
                if (pooled) x = b.avgPool(Integer.toString(index++), x, 2, 2, 0, false, true);
            }
        }
        for (int up = 0; up < cfg.skips(); up++) {
            int stage = cfg.skips() - 1 - up;
            Value skip = skips.get(stage);
            Value upsampled = b.resize("transUpBlocks." + up, x, skip.height(), skip.width(), true);
            Value cat = b.concat("transUpBlocks." + up + ".cat", List.of(upsampled, skip));
            try (Scope s = b.scope("conv1x1_up." + up)) {
                x = ConvLayer.relu(b, cat, cfg.halveUpConv() ? cat.channels() / 2 : cat.channels(), 1, 1);
            }
            try (Scope s = b.scope("denseBlocksUp." + up)) {
                x = HarDBlock.build(b, x, cfg.growth()[stage], cfg.grmul(), cfg.layers()[stage], false, FcHarDNet::blockLayer);
            }
        }
        Value logits = b.conv2d("finalConv", x, numClasses, 1, 1, 0, 1, 1, true);
        Value full = b.resize("upsample", logits, input.h(), input.w(), true);
        return b.output(full).build();
    }

    private static Value blockLayer(GraphBuilder b, Value x, int out) {
        return ConvLayer.relu(b, x, out, 3, 1);
    }
}
