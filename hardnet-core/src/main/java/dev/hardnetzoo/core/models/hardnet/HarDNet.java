package dev.hardnetzoo.core.models.hardnet;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;

/**
 * HarDNet ImageNet classifiers exactly as PingoLH/Pytorch-HarDNet {@code hardnet.py}: parameter
 * names are its state_dict keys ({@code base.<i>.…}). The configuration table comes first.
 */
public final class HarDNet {

    /**
     * One row of the reference configuration.
     *
     * @param firstChannels  widths of the two stem convolutions
     * @param channels       width of the 1x1 transition after each block
     * @param growth         growth rate of each block
     * @param layers         layers per block
     * @param downsample     whether a 2x downsampling follows each block
     * @param depthwise      the DS variants: 1x1 second stem conv, depthwise downsampling, CombConv layers
     */
    public record Config(String id, int[] firstChannels, int[] channels, int[] growth, double grmul,
                         int[] layers, boolean[] downsample, boolean depthwise, boolean dropoutBeforeLastTransition) {}

    public static final Config HARDNET39DS = new Config("hardnet39ds", new int[] {24, 48},
            new int[] {96, 320, 640, 1024}, new int[] {16, 20, 64, 160}, 1.6,
            new int[] {4, 16, 8, 4}, new boolean[] {true, true, true, false}, true, false);
    public static final Config HARDNET68DS = new Config("hardnet68ds", new int[] {32, 64},
            new int[] {128, 256, 320, 640, 1024}, new int[] {14, 16, 20, 40, 160}, 1.7,
            new int[] {8, 16, 16, 16, 4}, new boolean[] {true, false, true, true, false}, true, false);
    public static final Config HARDNET68 = new Config("hardnet68", new int[] {32, 64},
            new int[] {128, 256, 320, 640, 1024}, new int[] {14, 16, 20, 40, 160}, 1.7,
            new int[] {8, 16, 16, 16, 4}, new boolean[] {true, false, true, true, false}, false, false);
    public static final Config HARDNET85 = new Config("hardnet85", new int[] {48, 96},
            new int[] {192, 256, 320, 480, 720, 1280}, new int[] {24, 24, 28, 36, 48, 256}, 1.7,
            new int[] {8, 16, 16, 16, 16, 4}, new boolean[] {true, false, true, false, true, false}, false, true);

    private HarDNet() {}

    /** The classifier for {@code input} (NCHW, 3 channels) with {@code numClasses} outputs. */
    public static Graph build(Config cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.id(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        int index = 0;
        Value x;
        try (Scope base = b.scope("base")) {
            x = b.inScope(index++, () -> ConvLayer.relu6(b, b.input(), cfg.firstChannels()[0], 3, 2));
            Value stem = x;
            x = b.inScope(index++, () -> ConvLayer.relu6(b, stem, cfg.firstChannels()[1], cfg.depthwise() ? 1 : 3, 1));
            x = downsample(b, index++, x, cfg.depthwise(), 3, 1);
            HarDBlock.LayerFactory layer = cfg.depthwise() ? HarDNet::combConvLayer : (g, in, out) -> ConvLayer.relu6(g, in, out, 3, 1);
            for (int i = 0; i < cfg.layers().length; i++) {
                Value blockIn = x;
                int blk = i;
                x = b.inScope(index++, () -> HarDBlock.build(b, blockIn, cfg.growth()[blk], cfg.grmul(),
                        cfg.layers()[blk], false, layer));
                if (i == cfg.layers().length - 1 && cfg.dropoutBeforeLastTransition()) index++; // nn.Dropout: identity at inference
                Value t = x;
                x = b.inScope(index++, () -> ConvLayer.relu6(b, t, cfg.channels()[blk], 1, 1));
                if (cfg.downsample()[i]) x = downsample(b, index++, x, cfg.depthwise(), 2, 0);
            }
            Value features = x;
            x = b.inScope(index, () -> {
                Value pooled = b.globalAvgPool("0", features);
                Value flat = b.flatten("1", pooled);
                return b.linear("3", flat, numClasses, true); // "2" is dropout
            });
        }
        return b.output(x).build();
    }

    /** Name of the final Linear's weight, whose first dimension is the class count. */
    public static String classifierWeight(Config cfg) {
        int head = 3 + 2 * cfg.layers().length + (cfg.dropoutBeforeLastTransition() ? 1 : 0);
        for (boolean d : cfg.downsample()) head += d ? 1 : 0;
        return "base." + head + ".3.weight";
    }

    /** Reference {@code DWConvLayer}: depthwise 3x3 (padding 1, no bias) and BatchNorm, no activation. */
    static Value dwConvLayer(GraphBuilder b, Value x, int stride) {
        Value y = b.conv2d("dwconv", x, x.channels(), 3, stride, 1, 1, x.channels(), false);
        return b.batchNorm("norm", y);
    }

    /** Reference {@code CombConvLayer}: 1x1 ConvLayer then a stride-1 DWConvLayer. */
    static Value combConvLayer(GraphBuilder b, Value x, int out) {
        Value y;
        try (Scope s = b.scope("layer1")) {
            y = ConvLayer.relu6(b, x, out, 1, 1);
        }
        try (Scope s = b.scope("layer2")) {
            return dwConvLayer(b, y, 1);
        }
    }

    /** Max pooling in the standard nets, a strided depthwise conv in the DS nets. */
    private static Value downsample(GraphBuilder b, int index, Value x, boolean depthwise, int poolKernel, int poolPad) {
        if (depthwise) return b.inScope(index, () -> dwConvLayer(b, x, 2));
        return b.maxPool(Integer.toString(index), x, poolKernel, 2, poolPad, false);
    }
}
