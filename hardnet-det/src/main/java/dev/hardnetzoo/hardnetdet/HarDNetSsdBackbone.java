package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.models.hardnet.ConvLayer;
import dev.hardnetzoo.core.models.hardnet.HarDBlock;

/**
 * The HarDNet backbones of PingoLH/PytorchSSD-HarDNet ({@code SSD_HarDNet68.py},
 * {@code SSD_HarDNet85.py}), parameter names as their state_dicts ({@code base.<i>.…},
 * {@code bridge.…}). Unlike the classifiers, their ConvLayer uses ReLU, and only the first
 * block is followed by a ceil-mode pool. The shallow source is the output of {@code base[9]}.
 */
public final class HarDNetSsdBackbone implements SsdBackbone {

    /** What follows a block's 1x1 transition. */
    public enum Pool { NONE, MAX2, MAX2_CEIL }

    /** The deep end: HarDNet-68 has its bridge as the last {@code base} entry, HarDNet-85 as a separate {@code bridge}. */
    public enum Bridge { DILATED_IN_BASE, SEPARATE }

    public record Config(String id, int[] firstChannels, int[] channels, int[] growth, double grmul,
                         int[] layers, Pool[] pools, Bridge bridge) {}

    public static final Config HARDNET68 = new Config("hardnet68", new int[] {32, 64},
            new int[] {128, 256, 320, 640}, new int[] {14, 16, 20, 40}, 1.7, new int[] {8, 16, 16, 16},
            new Pool[] {Pool.MAX2_CEIL, Pool.NONE, Pool.MAX2, Pool.NONE}, Bridge.DILATED_IN_BASE);
    public static final Config HARDNET85 = new Config("hardnet85", new int[] {48, 96},
            new int[] {192, 256, 320, 480, 720}, new int[] {24, 24, 28, 36, 48}, 1.7, new int[] {8, 16, 16, 16, 16},
            new Pool[] {Pool.MAX2_CEIL, Pool.NONE, Pool.MAX2, Pool.NONE, Pool.NONE}, Bridge.SEPARATE);

    /** The forward pass L2-normalises the output of base[0..9]. */
    private static final int SHALLOW_SOURCE = 9;

    private final Config cfg;

    public HarDNetSsdBackbone(Config cfg) {
        this.cfg = cfg;
    }

    @Override
    public Features build(GraphBuilder b, Value input) {
        if (input.channels() != 3) throw new IllegalArgumentException("ssd-" + cfg.id() + " takes 3-channel images, got " + input.shape());
        Value shallow = null; // set when base[SHALLOW_SOURCE] is built
        Value x;
        int index = 0;
        try (Scope base = b.scope("base")) {
            x = b.inScope(index++, () -> ConvLayer.relu(b, input, cfg.firstChannels()[0], 3, 2));
            Value stem = x;
            x = b.inScope(index++, () -> ConvLayer.relu(b, stem, cfg.firstChannels()[1], 3, 1));
            x = b.maxPool(Integer.toString(index++), x, 3, 2, 1, false);
            for (int i = 0; i < cfg.layers().length; i++) {
                int blk = i;
                Value blockIn = x;
                x = b.inScope(index++, () -> HarDBlock.build(b, blockIn, cfg.growth()[blk], cfg.grmul(),
                        cfg.layers()[blk], false, (g, in, out) -> ConvLayer.relu(g, in, out, 3, 1)));
                Value t = x;
                x = b.inScope(index, () -> ConvLayer.relu(b, t, cfg.channels()[blk], 1, 1));
                if (index++ == SHALLOW_SOURCE) shallow = x;
                if (cfg.pools()[i] != Pool.NONE) {
                    x = b.maxPool(Integer.toString(index++), x, 2, 2, 0, cfg.pools()[i] == Pool.MAX2_CEIL);
                }
            }
            if (cfg.bridge() == Bridge.DILATED_IN_BASE) {
                Value deep = x;
                x = b.inScope(index, () -> dilatedBridge(b, deep));
            }
        }
        if (cfg.bridge() == Bridge.SEPARATE) {
            try (Scope s = b.scope("bridge")) {
                Value pooled = b.maxPool("0", x, 3, 1, 1, false);
                Value wide = b.inScope(1, () -> ConvLayer.relu(b, pooled, 960, 3, 1));
                x = b.inScope(2, () -> ConvLayer.relu(b, wide, cfg.channels()[cfg.channels().length - 1], 1, 1));
            }
        }
        if (shallow == null) {
            throw new IllegalArgumentException("ssd-" + cfg.id() + ": the base has no entry " + SHALLOW_SOURCE + " to predict from");
        }
        return new Features(shallow, x);
    }

    /** SSD_HarDNet68's last base entry: max-pool 3/1/1, 3x3 conv with dilation 4, BN, ReLU, 1x1 ConvLayer. */
    private static Value dilatedBridge(GraphBuilder b, Value x) {
        int ch = x.channels();
        Value y = b.maxPool("0", x, 3, 1, 1, false);
        y = b.conv2d("1", y, ch, 3, 1, 4, 4, 1, false);
        y = b.batchNorm("2", y);
        y = b.relu("3", y);
        Value z = y;
        return b.inScope(4, () -> ConvLayer.relu(b, z, ch, 1, 1));
    }
}
