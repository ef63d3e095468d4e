package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import dev.hardnetzoo.examples.bench.LatencyStats;
import dev.hardnetzoo.examples.bench.RandomModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = "Side-by-side cost and measured CPU latency of models, on random weights.")
final class CompareCommand extends CliCommand {
    @Parameters(arity = "0..*", description = "Model ids (default: every classifier in the zoo).")
    List<String> models = new ArrayList<>();

    @Option(names = "--size", converter = ImageSize.Converter.class, description = "Input HxW (default: each model's).")
    ImageSize size;

    @Option(names = "--warmup", defaultValue = "2", description = "Unrecorded runs per model (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iters", defaultValue = "5", description = "Recorded runs per model (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--json", description = "Print JSON rows instead of the table.")
    boolean json;

    @Mixin
    BackendMixin backend;

    @Override
    public Integer call() {
        List<ModelSpec> specs = models.isEmpty()
                ? ModelZoo.list().stream().filter(s -> s.task() == Task.CLASSIFICATION).toList()
                : models.stream().map(ModelZoo::get).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelSpec spec : specs) {
            if (!json) err().printf("measuring %s…%n", spec.id());
            rows.add(measure(spec));
        }
        if (json) {
            out().println(Json.of(rows));
        } else {
            printTable(rows);
        }
        return 0;
    }

    private Map<String, Object> measure(ModelSpec spec) {
        Shape input = size == null ? spec.defaultInput() : size.nchw(1, spec.defaultInput().c());
        Graph graph = spec.architecture().build(input, spec.defaultClasses());
        CostReport cost = CostReport.of(graph);
        Map<String, float[]> params = RandomModels.weights(graph, 0);
        Tensor x = RandomModels.input(input, 1);
        LatencyStats latency;
        try (Model model = Model.of(spec, spec.defaultClasses(), params, Backends.get(backend.backend), backend.options())) {
            latency = LatencyStats.measure(() -> model.run(x), warmup, iters);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", spec.id());
        row.put("input", input.h() + "x" + input.w());
        row.put("params", cost.params());
        row.put("macs", cost.macs());
        row.put("cio", cost.cio());
        row.put("moc", cost.moc());
        row.put("peakActivationBytes", cost.peakActivationBytes());
        row.put("medianMs", latency.medianMs());
        row.put("minMs", latency.minMs());
        row.put("backend", backend.backend);
        row.put("threads", backend.options().threads());
        row.put("weights", "random");
        return row;
    }

    private void printTable(List<Map<String, Object>> rows) {
        out().printf("%nRandom weights (latency does not depend on weight values); backend %s, %d threads, batch 1.%n%n",
                backend.backend, backend.options().threads());
        out().println("| model | input | params | MACs | CIO | MoC | peak activations | median latency | min latency |");
        out().println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map<String, Object> r : rows) {
            out().printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %s | %.1f ms | %.1f ms |%n",
                    r.get("model"), r.get("input"), Units.millions((Long) r.get("params")), Units.giga((Long) r.get("macs")),
                    Units.millions((Long) r.get("cio")), (Double) r.get("moc"),
                    Units.mebibytes((Long) r.get("peakActivationBytes")), (Double) r.get("medianMs"), (Double) r.get("minMs"));
        }
    }
}
