package dev.hardnetzoo.core.models.hardnet;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The Harmonic Densely Connected block, as PingoLH's {@code HarDBlock}: layer {@code k} reads
 * the layers {@code k - 2^i} that divide evenly, nearest first; its width grows by
 * {@code grmul} per extra link and is rounded to an even number. The block outputs the
 * odd layers and the last one (plus its input when {@code keepBase}).
 * Shared by the classifiers, FC-HarDNet and SSD-HarDNet, which differ only in the layer.
 */
public final class HarDBlock {

    /** Builds one block layer (in scope {@code layers.i}) from its input and width. */
    @FunctionalInterface
    public interface LayerFactory {
        Value build(GraphBuilder b, Value input, int outChannels);
    }

    /** Links, widths and output width of a block, computed as the reference {@code get_link} does. */
    public record Layout(List<List<Integer>> links, int[] layerChannels, int outChannels) {}

    private HarDBlock() {}

    public static Layout layout(int inChannels, int growthRate, double grmul, int nLayers, boolean keepBase) {
        List<List<Integer>> links = new ArrayList<>();
        int[] channels = new int[nLayers + 1];
        channels[0] = inChannels;
        int out = keepBase ? inChannels : 0;
        for (int layer = 1; layer <= nLayers; layer++) {
            double width = growthRate;
            List<Integer> link = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int dv = 1 << i;
                if (layer % dv == 0) {
                    link.add(layer - dv);
                    if (i > 0) width *= grmul;
                }
            }
            // int(int(out_channels + 1) / 2) * 2: round up to even, truncating the float first
            channels[layer] = (int) ((int) (width + 1) / 2.0) * 2;
            links.add(List.copyOf(link));
            if (layer % 2 == 1 || layer == nLayers) out += channels[layer];
        }
        return new Layout(List.copyOf(links), channels, out);
    }

    /** Adds the block's nodes under the current scope; returns the concatenated block output. */
    public static Value build(GraphBuilder b, Value input, int growthRate, double grmul, int nLayers,
                              boolean keepBase, LayerFactory layerFactory) {
        Layout layout = layout(input.channels(), growthRate, grmul, nLayers, keepBase);
        List<Value> outputs = new ArrayList<>();
        outputs.add(input);
        for (int layer = 1; layer <= nLayers; layer++) {
            List<Value> tin = layout.links().get(layer - 1).stream().map(outputs::get).toList();
            try (Scope s = b.scope("layers." + (layer - 1))) {
                Value x = tin.size() > 1 ? b.concat("input", tin) : tin.get(0);
                outputs.add(layerFactory.build(b, x, layout.layerChannels()[layer]));
            }
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i <= nLayers; i++) {
            if ((i == 0 && keepBase) || i == nLayers || i % 2 == 1) out.add(outputs.get(i));
        }
        return b.concat("output", out);
    }
}
