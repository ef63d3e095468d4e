package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The SSD head of PingoLH/PytorchSSD-HarDNet on any {@link SsdBackbone}: {@code L2Norm} (eps
 * 1e-10) on the shallow source, the {@code extras} convolutions (each followed by ReLU, every
 * second one a source), and a 3x3 {@code loc}/{@code conf} conv pair per source. The graph's
 * one output is [N, priors, 4 + classes]: the raw box offsets, then the raw class logits,
 * priors in the reference order (source by source, NHWC within one).
 */
public final class Ssd {

    /** One {@code nn.Conv2d} of the extra layers (with bias). */
    public record ExtraConv(int outChannels, int kernel, int stride, int padding) {}

    /** add_extras for size 300: 1x1/3x3 pairs, the last two without padding. */
    public static final List<ExtraConv> EXTRAS_300 = List.of(
            new ExtraConv(256, 1, 1, 0), new ExtraConv(512, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 1, 0),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 1, 0));
    /** add_extras for size 512: four strided pairs and a final 4x4 conv. */
    public static final List<ExtraConv> EXTRAS_512 = List.of(
            new ExtraConv(256, 1, 1, 0), new ExtraConv(512, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 3, 2, 1),
            new ExtraConv(128, 1, 1, 0), new ExtraConv(256, 4, 1, 1));

    /** The reference L2Norm's eps, added to the norm. */
    public static final float L2NORM_EPS = 1e-10f;

    private Ssd() {}

    /** The extra layers of the reference SSD of this input size. */
    public static List<ExtraConv> extrasFor(int size) {
        return switch (size) {
            case 300 -> EXTRAS_300;
            case 512 -> EXTRAS_512;
            default -> throw new IllegalArgumentException("SSD is defined for 300 and 512 inputs, not " + size);
        };
    }

    /**
     * The SSD graph for {@code input}.
     *
     * @param boxesPerCell priors per cell of each source (2 backbone sources + one per extra pair)
     */
    public static Graph build(SsdBackbone backbone, List<ExtraConv> extras, int[] boxesPerCell, Shape input,
                              int numClasses) {
        if (extras.size() % 2 != 0) throw new IllegalArgumentException("extra layers come in pairs, got " + extras.size());
        if (boxesPerCell.length != 2 + extras.size() / 2) {
            throw new IllegalArgumentException(boxesPerCell.length + " box counts for " + (2 + extras.size() / 2) + " sources");
        }
        if (numClasses < 1) throw new IllegalArgumentException("class count must be positive, got " + numClasses);
        GraphBuilder b = new GraphBuilder(input);
        SsdBackbone.Features f = backbone.build(b, b.input());
        List<Value> sources = new ArrayList<>();
        sources.add(b.l2Norm("L2Norm", f.shallow(), L2NORM_EPS));
        sources.add(f.deep());
        Value x = f.deep();
        try (Scope s = b.scope("extras")) {
            for (int k = 0; k < extras.size(); k++) {
                ExtraConv e = extras.get(k);
                x = b.relu(k + ".relu", b.conv2d(Integer.toString(k), x, e.outChannels(), e.kernel(), e.stride(),
                        e.padding(), 1, 1, true));
                if (k % 2 == 1) sources.add(x);
            }
        }
        Value loc = head(b, "loc", sources, boxesPerCell, 4);
        Value conf = head(b, "conf", sources, boxesPerCell, numClasses);
        return b.output(b.concatAxis("output", List.of(loc, conf), 2)).build();
    }

    /** One 3x3 conv per source, its output as one row per prior, all sources' rows concatenated. */
    private static Value head(GraphBuilder b, String name, List<Value> sources, int[] boxesPerCell, int rowLength) {
        List<Value> rows = new ArrayList<>();
        try (Scope s = b.scope(name)) {
            for (int k = 0; k < sources.size(); k++) {
                Value y = b.conv2d(Integer.toString(k), sources.get(k), boxesPerCell[k] * rowLength, 3, 1, 1, 1, 1, true);
                rows.add(b.channelsLast(k + ".rows", y, rowLength));
            }
        }
        return b.concatAxis(name + ".priors", rows, 1);
    }
}
