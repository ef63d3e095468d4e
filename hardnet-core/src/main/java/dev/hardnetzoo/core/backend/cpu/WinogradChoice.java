package dev.hardnetzoo.core.backend.cpu;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Winograd variant, if any, computes a dense 3x3 stride-1 conv fastest. Winograd multiplies
 * less but its transformed weights are larger (16/9 of the direct weights for F(2x2), 36/9 for
 * F(4x4)) and at batch 1 they stream from memory once per run, so small planes with many
 * channels are bandwidth-bound: each candidate costs max(GEMM FLOPs / compute rate, weight bytes /
 * bandwidth) plus its transforms. {@code -Dhardnet.cpu.winograd=f4|f2|off} overrides the choice
 * (off: every conv on the direct GEMM, a little more exact).
 */
final class WinogradChoice {
    static final String PROPERTY = "hardnet.cpu.winograd";
    /** Below these channel counts the transforms cost more than the multiplies they save (measured). */
    private static final int MIN_CHANNELS_IN = 32;
    private static final int MIN_CHANNELS_OUT = 8;
    /**
     * Effective single-core rates (FLOP/s, bytes/s) fitted to per-layer CPU times of HarDNet-68 and
     * DenseNet-121 with each choice forced (-Dhardnet.cpu.profile=cpu, 2-core AVX-512 Xeon): the
     * model's picks came within 3 % of the best choice per layer.
     */
    private static final double GEMM_RATE = 100e9;
    private static final double TRANSFORM_RATE = 40e9;
    private static final double BANDWIDTH = 8e9;

    private WinogradChoice() {}

    /** The variant for {@code g}, or empty for the direct GEMM; honours {@link #PROPERTY}. */
    static Optional<WinogradTransform> choose(ConvGeometry g) {
        if (!eligible(g)) return Optional.empty();
        String forced = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (forced) {
            case "auto" -> cheapest(g);
            case "f4" -> Optional.of(new WinogradF4());
            case "f2" -> Optional.of(new WinogradF2());
            case "off" -> Optional.empty();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + ": expected auto, f4, f2 or off");
        };
    }

    /**
     * A dense 3x3, stride 1, dilation 1 conv with enough channels on both sides (the input
     * transform is shared by all output channels, the output transform by all input channels) and
     * a plane that fills at least one vector of 2x2 tiles.
     */
    static boolean eligible(ConvGeometry g) {
        return g.groups() == 1 && g.kH() == 3 && g.kW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilH() == 1 && g.dilW() == 1
                && g.inC() >= MIN_CHANNELS_IN && g.outC() >= MIN_CHANNELS_OUT
                && (long) ((g.outH() + 1) / 2) * ((g.outW() + 1) / 2) >= VectorGemm.L;
    }

    private static Optional<WinogradTransform> cheapest(ConvGeometry g) {
        WinogradTransform f4 = new WinogradF4();
        WinogradTransform f2 = new WinogradF2();
        double direct = directSeconds(g);
        double t4 = seconds(g, f4);
        double t2 = seconds(g, f2);
        if (direct <= Math.min(t4, t2)) return Optional.empty();
        return Optional.of(t4 <= t2 ? f4 : f2);
    }

    static double directSeconds(ConvGeometry g) {
        double macs = (double) g.outC() * g.inC() * 9 * g.outPlane();
        double weightBytes = 4.0 * g.outC() * g.inC() * 9;
        return Math.max(2 * macs / GEMM_RATE, weightBytes / BANDWIDTH);
    }

    static double seconds(ConvGeometry g, WinogradTransform tf) {
        double tiles = paddedTiles(g, tf);
        int p = tf.positions();
        double gemm = 2.0 * p * g.outC() * g.inC() * tiles;
        double weightBytes = 4.0 * p * g.outC() * g.inC();
        // About 3 additions per transformed value on the way in and 2 on the way out.
        double transforms = p * tiles * (3.0 * g.inC() + 2.0 * g.outC());
        return Math.max(gemm / GEMM_RATE, weightBytes / BANDWIDTH) + transforms / TRANSFORM_RATE;
    }

    /** Tiles rounded up to whole chunks of {@link WinogradConv2dKernel#chunkWidth}. */
    static long paddedTiles(ConvGeometry g, WinogradTransform tf) {
        long tiles = (long) ((g.outH() + tf.m() - 1) / tf.m()) * ((g.outW() + tf.m() - 1) / tf.m());
        int w = WinogradConv2dKernel.chunkWidth((int) tiles);
        return (tiles + w - 1) / w * w;
    }
}
