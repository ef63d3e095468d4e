package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.densenetbaseline.DenseNet;
import dev.hardnetzoo.hardnetdet.SsdBackbone;
import dev.hardnetzoo.hardnetdet.SsdModels;
import java.util.List;
import java.util.Locale;

/**
 * Swapping the SSD backbone: an SSD512 on DenseNet-121, predicting from the outputs of dense
 * blocks 2 (stride 8, L2-normalised) and 3 (stride 16), compared with SSD512 on HarDNet-68.
 * Its parameter names are DenseNet's ({@code features.…}) plus the SSD head's ({@code L2Norm},
 * {@code extras}, {@code loc}, {@code conf}), so torchvision's DenseNet weights fill the backbone.
 */
public final class SsdOnDenseNet {
    private SsdOnDenseNet() {}

    /** DenseNet-121 cut after its third dense block. */
    public static final SsdBackbone DENSENET121 = (b, input) -> {
        List<Value> blocks = DenseNet.blockOutputs(b, DenseNet.DENSENET121, 3);
        return new SsdBackbone.Features(blocks.get(1), blocks.get(2));
    };

    /** The spec, usable like any zoo model: {@code Model.load(spec, weights, backend, options)}, {@code new Detector(model)}. */
    public static ModelSpec ssd512DenseNet121() {
        return SsdModels.spec("ssd512-densenet121", DENSENET121, 512, 21, "SSD512 on DenseNet-121 (VOC)");
    }

    public static void main(String[] args) {
        for (ModelSpec spec : List.of(ssd512DenseNet121(), ModelZoo.get("ssd512-hardnet68"))) {
            CostReport cost = CostReport.of(spec.architecture().build(spec.defaultInput(), 21));
            System.out.printf(Locale.ROOT, "%-20s %,12d params %8.2f GMACs %8.2f M CIO%n", spec.id(), cost.params(),
                    cost.macs() / 1e9, cost.cio() / 1e6);
        }
    }
}
