package dev.hardnetzoo.core.backend.cpu;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which kernel computes a dense 3x3 stride-1 conv fastest: Winograd F(4x4) or F(2x2), the direct
 * kernel vectorised across output channels, or the im2col GEMM. Winograd multiplies least but
 * transforms every input channel for every tile and streams 36/9 (16/9) times the weights; the
 * direct kernel wins with few output channels (DenseNet's 32, HarDNet's 14 to 40), where the input
 * transform has few outputs to share it. Each candidate's time is a linear cost in the work it
 * does (arithmetic on its padded sizes, values transformed or copied, weight bytes, a fixed cost
 * per call) with coefficients fitted to per-layer wall times of HarDNet-68 and DenseNet-121 at
 * 224x224 on 2 threads, each strategy forced in turn ({@code -Dhardnet.cpu.profile=true},
 * 2-core AVX-512 Xeon): its picks came within 2 % of the best strategy per layer, summed over both
 * models. On a 2-core AMD EPYC host the same picks were 7 % (HarDNet-68) and 13 % (HarDNet-85)
 * off the best, mostly layers where Winograd F(2x2) was picked and F(4x4) or the direct kernel
 * won; five Winograd coefficients were refitted there on two rounds of forced timings of
 * HarDNet-68, HarDNet-85, DenseNet-121 and FC-HarDNet-70 (512x1024), changing as few as would
 * do: fitted on one round, they cut the other round's 3x3 time by 1-2 % (HarDNet-68) and 6-9 %
 * (HarDNet-85) and left DenseNet-121 and FC-HarDNet-70 within 1 %. Machines with 16 vector
 * registers (AVX2) have their own coefficients: {@link #NARROW_REGISTERS}.
 * {@code -Dhardnet.cpu.conv3x3=f4|f2|direct|gemm} forces a strategy wherever it applies.
 */
final class Conv3x3Choice {
    static final String PROPERTY = "hardnet.cpu.conv3x3";
    /** The switch this one replaced: refused with a pointer, rather than silently ignored. */
    private static final String OLD_PROPERTY = "hardnet.cpu.winograd";

    enum Strategy { WINOGRAD_F4, WINOGRAD_F2, DIRECT, GEMM }

    /**
     * The direct kernel reads its zero-padded input once per output-channel block, three rows of
     * every input channel per pixel group: beyond the two cores' L2 it streams from memory
     * (FC-HarDNet's 256x512 maps ran 1.5-2x slower than on F(4x4)), so larger inputs are left to
     * Winograd and the GEMM, as are the layers the fit never saw.
     */
    private static final long MAX_DIRECT_INPUT_BYTES = 4L << 20;
    /** Below these channel counts Winograd's transforms cost more than the multiplies they save. */
    private static final int MIN_WINOGRAD_IN = 32;
    private static final int MIN_WINOGRAD_OUT = 8;

    private Conv3x3Choice() {}

    /** The strategy for {@code g}, one {@link Direct3x3Conv2dKernel#handles}; honours {@link #PROPERTY}. */
    static Strategy choose(ConvGeometry g) {
        if (System.getProperty(OLD_PROPERTY) != null) {
            throw new IllegalArgumentException("-D" + OLD_PROPERTY + " was replaced by -D" + PROPERTY
                    + "=auto|f4|f2|direct|gemm (off is now gemm)");
        }
        Set<Strategy> candidates = candidates(g);
        String forced = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        Strategy wanted = switch (forced) {
            case "auto" -> null;
            case "f4" -> Strategy.WINOGRAD_F4;
            case "f2" -> Strategy.WINOGRAD_F2;
            case "direct" -> Strategy.DIRECT;
            case "gemm" -> Strategy.GEMM;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + forced + ": expected auto, f4, f2, direct or gemm");
        };
        if (wanted != null && candidates.contains(wanted)) return wanted;
        return cheapest(g, candidates, COSTS);
    }

    /** The candidate with the lowest cost under {@code costs}. */
    static Strategy cheapest(ConvGeometry g, Set<Strategy> candidates, Costs costs) {
        Strategy best = Strategy.GEMM;
        for (Strategy s : candidates) {
            if (seconds(g, s, costs) < seconds(g, best, costs)) best = s;
        }
        return best;
    }

    /**
     * The strategies that can take {@code g}: the GEMM always; Winograd with enough channels on
     * both sides (the input transform is shared by all output channels, the output transform by
     * all input channels) and a plane filling at least one vector of 2x2 tiles; the direct kernel
     * while its padded input fits in L2.
     */
    static Set<Strategy> candidates(ConvGeometry g) {
        if (!Direct3x3Conv2dKernel.handles(g)) {
            throw new IllegalArgumentException("not a dense 3x3 stride-1 conv: " + g);
        }
        Set<Strategy> candidates = EnumSet.of(Strategy.GEMM);
        if (g.inC() >= MIN_WINOGRAD_IN && g.outC() >= MIN_WINOGRAD_OUT
                && (long) ((g.outH() + 1) / 2) * ((g.outW() + 1) / 2) >= VectorGemm.L) {
            candidates.add(Strategy.WINOGRAD_F4);
            candidates.add(Strategy.WINOGRAD_F2);
        }
        if (4 * paddedInput(g) <= MAX_DIRECT_INPUT_BYTES) candidates.add(Strategy.DIRECT);
        return candidates;
    }

    /** Floats of the direct kernel's zero-padded input planes. */
    private static double paddedInput(ConvGeometry g) {
        return (double) g.inC() * (g.inH() + 2 * g.padH()) * Direct3x3Conv2dKernel.rowWidth(g);
    }

    /** Winograd's coefficients: GEMM FLOP/s, values transformed in and out per second, weight bytes per second, seconds per call. */
    record WinogradCost(double gemmRate, double inRate, double outRate, double bandwidth, double fixed) {}

    /**
     * The direct kernel's: FLOP/s, padded input floats per second, weight bytes per second, seconds
     * per call, and whether a last block one vector wide costs as much as a full block (its loop
     * issues the same pixel broadcasts for half the multiply-adds) rather than half.
     */
    record DirectCost(double flopRate, double padRate, double bandwidth, double fixed, boolean narrowBlockCostsFull) {}

    /** The im2col GEMM's: FLOP/s, im2col floats per second, weight bytes per second, seconds per call. */
    record GemmCost(double flopRate, double im2colRate, double bandwidth, double fixed) {}

    /** One machine class's coefficients, all on 2 threads. */
    record Costs(WinogradCost f4, WinogradCost f2, DirectCost direct, GemmCost gemm) {}

    /** Fitted with 32 vector registers (AVX-512): see the class note. */
    static final Costs WIDE_REGISTERS = new Costs(
            new WinogradCost(254e9, 1.10e9, 4.5e9, 10.6e9, 39e-6),
            new WinogradCost(190e9, 1.62e9, Double.POSITIVE_INFINITY, 11.1e9, 42e-6),
            new DirectCost(233e9, 2.56e9, 9.3e9, 27e-6, false),
            new GemmCost(154e9, 5.5e9, 1.96e9, 179e-6));
    /**
     * Fitted with 16 (AVX2: 8-lane vectors, the kernels' 12-accumulator blocks) on a 2-core AMD
     * EPYC (Zen 3), to forced per-layer timings of HarDNet-68 and DenseNet-121 (non-negative least
     * squares on relative error). With AVX-512's coefficients the direct kernel took most layers.
     * Refitted after Winograd's input transform lost its masked stores (F(4x4) on 14x14 maps went
     * from below the direct kernel's rate to 1.4x it): the previous set's picks summed to 44.1 ms
     * in HarDNet-68's 3x3 convs and 18.7 in DenseNet-121's where the best strategy per layer
     * summed to 39.2 and 18.2; these pick within 0.1 ms of the best on both, and on HarDNet-85,
     * which the fit never saw, see docs/cpu-speed-log.md. When the direct kernel's loop
     * over taps inside a loop over channels became one loop over (channel, tap) steps (1.5-1.9x
     * faster per core), its FLOP rate went from 104 to 130 GFLOP/s and its narrow last block
     * counts as a full one: in alternating per-step profiles DenseNet-121's 128 to 32 convs on
     * 14x14 maps then ran 7-12 % faster on it than on F(4x4) and HarDNet-68's 128 to 16 on 28x28
     * 20 %, while its 14 to 40 output layers with a narrow block ran 10-25 % slower on it (a
     * 1.44x rate with narrow blocks at half cost had sent them there); these picks match those.
     */
    static final Costs NARROW_REGISTERS = new Costs(
            new WinogradCost(157e9, 1.43e9, 3.28e9, 28.2e9, 38e-6),
            new WinogradCost(130e9, 1.92e9, Double.POSITIVE_INFINITY, 79.1e9, 54e-6),
            new DirectCost(130e9, 3.75e9, 110e9, 17e-6, true),
            new GemmCost(163e9, 4.57e9, 1.57e9, 113e-6));
    private static final Costs COSTS = VectorGemm.REGISTERS >= 32 ? WIDE_REGISTERS : NARROW_REGISTERS;

    /** The fitted cost of running {@code g} with strategy {@code s}, in seconds on 2 threads. */
    static double seconds(ConvGeometry g, Strategy s, Costs costs) {
        double inC = g.inC();
        double outC = g.outC();
        return switch (s) {
            case WINOGRAD_F4 -> winograd(g, new WinogradF4(), costs.f4());
            case WINOGRAD_F2 -> winograd(g, new WinogradF2(), costs.f2());
            case DIRECT -> {
                DirectCost c = costs.direct();
                double pixels = Direct3x3Conv2dKernel.paddedPixels(g);
                double channels = c.narrowBlockCostsFull()
                        ? Direct3x3Conv2dKernel.wholeBlockChannels(g.outC())
                        : Direct3x3Conv2dKernel.paddedChannels(g.outC());
                yield 2 * channels * inC * 9 * pixels / c.flopRate() + paddedInput(g) / c.padRate()
                        + 4 * channels * inC * 9 / c.bandwidth() + c.fixed();
            }
            case GEMM -> {
                GemmCost c = costs.gemm();
                double im2col = inC * 9 * g.outPlane();
                yield 2 * outC * im2col / c.flopRate() + im2col / c.im2colRate() + 4 * outC * inC * 9 / c.bandwidth()
                        + c.fixed();
            }
        };
    }

    /** Winograd's cost: GEMM FLOPs on whole chunks of tiles, values transformed in and out, weight bytes. */
    private static double winograd(ConvGeometry g, WinogradTransform tf, WinogradCost c) {
        double tiles = paddedTiles(g, tf);
        int p = tf.positions();
        double rows = Math.ceil(g.outC() / (double) VectorGemm.MR) * VectorGemm.MR;
        return 2.0 * p * rows * g.inC() * tiles / c.gemmRate() + p * tiles * g.inC() / c.inRate()
                + p * tiles * g.outC() / c.outRate() + 4.0 * p * g.outC() * g.inC() / c.bandwidth() + c.fixed();
    }

    /** Tiles rounded up to whole chunks of {@link WinogradConv2dKernel#chunkWidth}. */
    static long paddedTiles(ConvGeometry g, WinogradTransform tf) {
        long tiles = (long) ((g.outH() + tf.m() - 1) / tf.m()) * ((g.outW() + tf.m() - 1) / tf.m());
        int w = WinogradConv2dKernel.chunkWidth((int) tiles);
        return (tiles + w - 1) / w * w;
    }
}
