package dev.hardnetzoo.examples.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.bench.InterleavedLayerTimes;
import dev.hardnetzoo.examples.bench.InterleavedMeasurement;
import dev.hardnetzoo.examples.bench.LayerComparison;
import dev.hardnetzoo.examples.bench.Measurement;
import dev.hardnetzoo.examples.bench.RandomModels;
import dev.hardnetzoo.examples.onnx.OnnxExporter;
import dev.hardnetzoo.examples.peer.OnnxRuntimePeer;
import dev.hardnetzoo.examples.peer.OutputAgreement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", description = {
        "Latency (min/median), throughput and peak memory of models on random weights, after warm-up.",
        "With --peer onnxruntime, also exports each model to ONNX in-process and runs it in ONNX Runtime (CPU,"
                + " same input, same thread count): prints both latencies, their ratio, and checks the outputs agree.",
        "The two engines' timed runs alternate in blocks (--rounds), so a drift in the host's speed hits both,"
                + " with a 200 ms pause before each block so the other engine's idle threads have stopped;"
                + " the lowest and highest of the blocks' ratios show how far the host's speed moved it."})
final class BenchCommand extends CliCommand {
    /** Engines to compare against. */
    enum Peer { onnxruntime }

    /** Blocks per engine when comparing: enough to spread drifts evenly, long enough to keep caches warm. */
    private static final int DEFAULT_ROUNDS = 10;
    /** Pause before each block, so the other engine's idle threads have stopped spinning (see InterleavedMeasurement). */
    private static final Duration SETTLE = Duration.ofMillis(200);

    @Parameters(arity = "1..*", description = "Model ids.")
    List<String> models;

    @Option(names = "--size", converter = ImageSize.Converter.class, description = "Input HxW, or one number for a square (default: each model's).")
    ImageSize size;

    @Option(names = "--batch", defaultValue = "1", description = "Images per run (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "20", description = "Unrecorded runs after the first (default: ${DEFAULT-VALUE}:"
            + " the JIT compiles the vector kernels over the first runs, which until then run several times slower).")
    int warmup;

    @Option(names = "--iters", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--peer", description = "Also run the model in this engine and compare: ${COMPLETION-CANDIDATES}.")
    Peer peer;

    @Option(names = "--rounds", description = "With --peer: alternate the engines' timed runs in this many blocks"
            + " (default: 10, or one per timed run when there are fewer).")
    Integer rounds;

    @Option(names = "--layers", description = "Then time each layer over --iters more runs and print where the time goes,"
            + " summed per layer class (conv kernel, stride, output size; pool; concat; ...); with --peer, beside"
            + " ONNX Runtime's own per-node profile, the engines alternating in blocks as above. cpu backend only.")
    boolean layers;

    @Option(names = "--json", description = "Print a JSON array, one object per model.")
    boolean json;

    @Mixin
    BackendMixin backend;

    /**
     * One model's figures; peer fields are absent without --peer. With a peer, the peak memory is
     * the JVM's over both engines' alternating runs (the peer's Java-side buffers included).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String model, String input, int batch, String backend, int threads, String weights,
               double medianMs, double minMs, double meanMs, double imagesPerSecond, double firstRunMs,
               int warmup, int iterations, long peakHeapBytes, long peakOffHeapBytes,
               String peer, Double peerMedianMs, Double peerMinMs, Double peerImagesPerSecond,
               Double ratio, List<Double> blockRatios, Double maxAbsDiff, Double outputScale, Boolean outputsAgree,
               List<LayerComparison.Row> layers) {}

    @Override
    public Integer call() {
        requireAtLeast("--batch", batch, 1);
        requireAtLeast("--iters", iters, 1);
        requireAtLeast("--warmup", warmup, 0);
        if (rounds != null && peer == null) throw badUsage("--rounds needs --peer");
        if (layers && !"cpu".equals(backend.backend)) {
            throw badUsage("--layers times single layers on the cpu backend only, not " + backend.backend);
        }
        if (rounds != null && (rounds < 1 || rounds > iters)) {
            throw badUsage("--rounds must be between 1 and --iters (" + iters + "), got " + rounds);
        }
        List<ModelSpec> specs = models.stream().map(ModelZoo::get).toList(); // unknown ids fail before any run
        List<Row> rows = new ArrayList<>();
        for (ModelSpec spec : specs) {
            Row row = bench(spec);
            rows.add(row);
            if (!json) print(row);
        }
        if (json) out().println(Json.of(rows));
        boolean disagree = rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.outputsAgree()));
        if (disagree) {
            err().println("hardnet: outputs of " + peer + " and ours disagree beyond float32 tolerance");
            return 1;
        }
        return 0;
    }

    private Row bench(ModelSpec spec) {
        Shape shape = (size == null ? spec.defaultInput() : size.nchw(1, spec.defaultInput().c())).withBatch(batch);
        Graph graph = spec.architecture().build(shape, spec.defaultClasses());
        Tensor input = RandomModels.input(shape, 1);
        int threads = backend.options().threads();
        try (Model model = Model.of(spec, spec.defaultClasses(), RandomModels.weights(graph, 0),
                Backends.get(backend.backend), backend.options())) {
            if (peer == null) {
                Measurement ours = Measurement.of(model::runAll, input, warmup, iters);
                return row(spec, shape, threads, ours, null, null, null,
                        layers ? LayerComparison.of(layerTimes(model, input), null) : null);
            }
            byte[] onnx = OnnxExporter.export(spec.id(), graph, model.parameters()).toByteArray();
            InterleavedMeasurement both;
            try (OnnxRuntimePeer ort = OnnxRuntimePeer.load(onnx, threads)) {
                both = InterleavedMeasurement.of(model::runAll, ort::run, input, warmup, iters, rounds(), SETTLE);
            }
            Measurement ours = both.first();
            Measurement theirs = both.second();
            List<LayerComparison.Row> byClass = null;
            if (layers) {
                InterleavedLayerTimes perLayer = InterleavedLayerTimes.of(model.executable(shape), onnx, threads, input,
                        warmup, iters, rounds(), SETTLE);
                byClass = LayerComparison.of(perLayer.ours(), perLayer.peer());
            }
            return row(spec, shape, threads, ours, theirs, both.blockRatios(),
                    OutputAgreement.of(ours.outputs(), theirs.outputs()), byClass);
        }
    }

    private int rounds() {
        return rounds != null ? rounds : Math.min(DEFAULT_ROUNDS, iters);
    }

    /** Our per-step times over --iters runs (the JIT has settled: the measurement ran first). */
    private List<LayerTime> layerTimes(Model model, Tensor input) {
        return model.executable(input.shape()).timeLayers(input, iters);
    }

    private Row row(ModelSpec spec, Shape shape, int threads, Measurement ours, Measurement theirs, List<Double> blockRatios,
                    OutputAgreement agreement, List<LayerComparison.Row> byClass) {
        boolean withPeer = theirs != null;
        return new Row(spec.id(), shape.h() + "x" + shape.w(), batch, backend.backend, threads, "random",
                ours.latency().medianMs(), ours.latency().minMs(), ours.latency().meanMs(), ours.imagesPerSecond(batch),
                ours.firstRunMs(), warmup, iters, ours.peakHeapBytes(), ours.peakOffHeapBytes(),
                withPeer ? peer.name() : null,
                withPeer ? theirs.latency().medianMs() : null,
                withPeer ? theirs.latency().minMs() : null,
                withPeer ? theirs.imagesPerSecond(batch) : null,
                withPeer ? ours.latency().medianMs() / theirs.latency().medianMs() : null,
                blockRatios,
                withPeer ? agreement.maxAbsDiff() : null,
                withPeer ? agreement.scale() : null,
                withPeer ? agreement.agrees() : null,
                byClass);
    }

    private void print(Row r) {
        // A device backend runs on its device: its thread count says nothing about the run.
        String where = r.backend().equals(Backends.DEFAULT) ? r.threads() + " threads"
                : "device " + (backend.device != null ? backend.device : "default");
        out().printf(Locale.ROOT, "%s  input %s  batch %d  backend %s  %s  (random weights)%n",
                r.model(), r.input(), r.batch(), r.backend(), where);
        out().printf(Locale.ROOT, "  hardnet      median %9.2f ms  min %9.2f ms  %8.2f images/s  first run %.0f ms (with compile)"
                        + "  warm-up %d, %d timed runs  peak heap %s  off-heap %s%s%n",
                r.medianMs(), r.minMs(), r.imagesPerSecond(), r.firstRunMs(), r.warmup(), r.iterations(),
                Units.mebibytes(r.peakHeapBytes()), Units.mebibytes(r.peakOffHeapBytes()),
                // the runs alternate, so the JVM's peak holds the peer's Java-side buffers and garbage too
                r.peer() == null ? "" : " (both engines)");
        if (r.peer() != null) {
            out().printf(Locale.ROOT, "  %-12s median %9.2f ms  min %9.2f ms  %8.2f images/s%n",
                    r.peer(), r.peerMedianMs(), r.peerMinMs(), r.peerImagesPerSecond());
            out().printf(Locale.ROOT, "  ratio hardnet/%s (median): %.2fx (blocks %.2f-%.2fx)   outputs %s: max |diff| %.3g"
                            + " at output scale %.3g%n",
                    r.peer(), r.ratio(), Collections.min(r.blockRatios()), Collections.max(r.blockRatios()),
                    r.outputsAgree() ? "agree" : "DISAGREE", r.maxAbsDiff(), r.outputScale());
        }
        if (r.layers() != null) {
            out().printf(Locale.ROOT, "  where the time goes: layers timed one by one, mean of %d more runs%s%n", r.iterations(),
                    r.peer() == null ? "" : " (" + r.peer() + ": its own profiler, runs alternating with ours in blocks)");
            LayerComparison.print(r.layers(), r.peer(), out());
        }
    }
}
