package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.Locale;

/**
 * A backbone added the way a user adds one: {@code backbone/ResNet.java} (configuration, builder,
 * ModelProvider) plus its line in {@code META-INF/services/dev.hardnetzoo.core.zoo.ModelProvider}.
 * The zoo then finds it like any built-in model. Args: [MODEL] (default resnet50).
 */
public final class AddBackboneExample {
    public static void main(String[] args) {
        ModelSpec spec = ModelZoo.get(args.length > 0 ? args[0] : "resnet50");
        Graph graph = spec.defaultGraph();
        CostReport cost = CostReport.of(graph);
        System.out.printf(Locale.ROOT, "%s: %s%n", spec.id(), spec.description());
        System.out.printf(Locale.ROOT, "  %,d parameters, %.3f G MACs, CIO %.2f M at %s%n",
                cost.params(), cost.macs() / 1e9, cost.cio() / 1e6, spec.defaultInput());
        try (Model model = Model.of(spec, spec.defaultClasses(), RandomWeights.arrays(graph, 0),
                Backends.get(Backends.DEFAULT), BackendOptions.defaults())) {
            // Only the output's shape is shown, so any input of the right shape will do.
            Tensor logits = model.run(Tensor.zeros(spec.defaultInput()));
            System.out.printf(Locale.ROOT, "  runs: %s -> %s (random weights)%n", spec.defaultInput(), logits.shape());
        }
    }
}
