package dev.hardnetzoo.examples.compare;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.examples.bench.Measurement;
import dev.hardnetzoo.examples.bench.RandomModels;

/** Measures one model for the comparison: its costs from the graph, its latency on random weights. */
public final class ComparisonRunner {
    private final ComparisonPlan plan;
    private final String backend;
    private final BackendOptions options;

    public ComparisonRunner(ComparisonPlan plan, String backend, BackendOptions options) {
        this.plan = plan;
        this.backend = backend;
        this.options = options;
    }

    public ComparisonRow measure(ModelSpec spec) {
        Shape input = plan.inputFor(spec);
        Graph graph = spec.architecture().build(input, spec.defaultClasses());
        CostReport cost = CostReport.of(graph);
        Tensor x = RandomModels.input(input, 1);
        Measurement m;
        try (Model model = Model.of(spec, spec.defaultClasses(), RandomModels.weights(graph, 0), Backends.get(backend), options)) {
            m = Measurement.of(model::runAll, x, plan.warmup(), plan::iterationsFor);
        }
        return new ComparisonRow(spec.task().label(), spec.id(), input.h() + "x" + input.w(), cost.params(), cost.macs(),
                cost.cio(), cost.moc(), cost.peakActivationBytes(), m.latency().medianMs(), m.latency().minMs(),
                m.latency().iterations(), backend, options.threads(), "random");
    }
}
