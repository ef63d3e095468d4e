package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.plan.HeapEstimate;
import dev.hardnetzoo.core.plan.LayerCost;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Cost report: parameters, MACs, CIO, MoC and peak activation memory at an input size.")
final class InfoCommand extends CliCommand {
    @Parameters(index = "0", description = "Model id (see 'hardnet models').")
    String model;

    @Option(names = "--size", converter = ImageSize.Converter.class, description = "Input HxW, or one number for a square (default: the model's).")
    ImageSize size;

    @Option(names = "--batch", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--classes", description = "Class count (default: the model's).")
    Integer classes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--layers", description = "Include the per-layer table.")
    boolean layers;

    @Override
    public Integer call() {
        ModelSpec spec = ModelZoo.get(model);
        requireAtLeast("--batch", batch, 1);
        Shape d = spec.defaultInput();
        Shape input = size == null ? d.withBatch(batch) : size.nchw(batch, d.c());
        if (input.h() < spec.minInputSize() || input.w() < spec.minInputSize()) {
            throw new IllegalArgumentException(model + " needs inputs of at least " + spec.minInputSize() + "x" + spec.minInputSize());
        }
        Graph graph = spec.architecture().build(input, classes == null ? spec.defaultClasses() : classes);
        CostReport cost = CostReport.of(graph);
        HeapEstimate heap = HeapEstimate.of(graph);
        if (json) {
            out().println(Json.of(toJson(cost, heap)));
        } else {
            print(cost, heap);
        }
        return 0;
    }

    private Map<String, Object> toJson(CostReport c, HeapEstimate heap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("input", c.input().dims());
        m.put("params", c.params());
        m.put("macs", c.macs());
        m.put("cio", c.cio());
        m.put("moc", c.moc());
        m.put("peakActivationBytes", c.peakActivationBytes());
        m.put("unplannedActivationBytes", c.unplannedActivationBytes());
        m.put("runHeapBytes", heap.runBytes());
        m.put("recommendedMaxHeapBytes", heap.recommendedMaxHeapBytes());
        if (layers) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LayerCost l : c.layers()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", l.name());
                r.put("op", l.op());
                r.put("input", l.input().dims());
                r.put("output", l.output().dims());
                r.put("params", l.params());
                r.put("macs", l.macs());
                r.put("cio", l.cio());
                r.put("moc", l.moc());
                rows.add(r);
            }
            m.put("layers", rows);
        }
        return m;
    }

    private static int width(CostReport c, String header, java.util.function.Function<LayerCost, String> column) {
        return Math.max(header.length(), c.layers().stream().mapToInt(l -> column.apply(l).length()).max().orElse(0));
    }

    private void print(CostReport c, HeapEstimate heap) {
        out().printf("model                  %s%n", model);
        out().printf("input                  %s%n", c.input());
        out().printf("parameters             %s%n", Units.grouped(c.params()));
        out().printf("MACs                   %s (%s)%n", Units.giga(c.macs()), Units.grouped(c.macs()));
        out().printf("CIO                    %s elements%n", Units.millions(c.cio()));
        out().printf(Locale.ROOT, "MoC                    %.1f MACs/element%n", c.moc());
        out().printf("peak activation memory %s (%s without buffer reuse)%n",
                Units.mebibytes(c.peakActivationBytes()), Units.mebibytes(c.unplannedActivationBytes()));
        out().printf("heap to run (CPU)      %s (weights x3 while compiling, activations, input and outputs); run with -Xmx%dm%n",
                Units.mebibytes(heap.runBytes()), (heap.recommendedMaxHeapBytes() + (1 << 20) - 1) >> 20);
        if (!layers) return;
        // Columns as wide as their longest entry (grouped-conv ops and HRNet's layer names run long).
        String row = "%-" + width(c, "LAYER", l -> l.name()) + "s %-" + width(c, "OP", l -> l.op())
                + "s %-" + width(c, "INPUT", l -> l.input().toString()) + "s %-" + width(c, "OUTPUT", l -> l.output().toString());
        out().printf("%n" + row + "s %12s %14s %12s %8s%n", "LAYER", "OP", "INPUT", "OUTPUT", "PARAMS", "MACS", "CIO", "MOC");
        for (LayerCost l : c.layers()) {
            out().printf(Locale.ROOT, row + "s %12d %14d %12d %8.1f%n", l.name(), l.op(),
                    l.input(), l.output(), l.params(), l.macs(), l.cio(), l.moc());
        }
    }
}
