package dev.hardnetzoo.examples.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ONNX Runtime's time per graph node, from its own profiler: a session with profiling on, whose
 * runs the caller makes (interleaved with another engine's, say); {@link #nodeTimes} then averages
 * the nodes' kernel times over the runs it was told to count. Node shapes are as ONNX Runtime reports them
 * (logical NCHW, also for its blocked NCHWc kernels); its fused nodes (FusedConv: conv +
 * activation) count as one. The profile goes to a temporary directory, deleted on close.
 */
public final class OnnxRuntimeLayerTimes implements AutoCloseable {
    /**
     * One node: ONNX Runtime's operator name (Conv, FusedConv, Concat, ReorderInput, ...), its
     * inputs' and first output's dims, and its mean kernel time per run.
     */
    public record NodeTime(String op, List<long[]> inputs, long[] output, double meanMs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final OnnxRuntimePeer peer;
    private final BitSet counted = new BitSet();
    private int runs;
    private boolean ended;

    private OnnxRuntimeLayerTimes(Path dir, OnnxRuntimePeer peer) {
        this.dir = dir;
        this.peer = peer;
    }

    /** A profiling session of the ONNX model with {@code threads} intra-op threads. */
    public static OnnxRuntimeLayerTimes open(byte[] onnxModel, int threads) {
        Path dir;
        try {
            dir = Files.createTempDirectory("hardnet-ort-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a directory for ONNX Runtime's profile: " + e.getMessage(), e);
        }
        try {
            return new OnnxRuntimeLayerTimes(dir, OnnxRuntimePeer.load(onnxModel, threads, dir.resolve("profile").toString()));
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /** One profiled run; {@code counted} false leaves it out of {@link #nodeTimes} (a warm-up). */
    public void run(Tensor input, boolean counted) {
        if (ended) throw new IllegalStateException("profiling has ended");
        peer.run(input);
        if (counted) this.counted.set(runs);
        runs++;
    }

    /** Ends profiling (no runs after this) and returns the node times averaged over the counted runs. */
    public List<NodeTime> nodeTimes() {
        if (ended) throw new IllegalStateException("profiling has ended");
        if (counted.isEmpty()) throw new IllegalStateException("no counted runs to average");
        ended = true;
        String file = peer.endProfiling();
        try {
            return parse(JSON.readTree(Path.of(file).toFile()), counted);
        } catch (IOException e) {
            throw new UncheckedIOException("reading ONNX Runtime's profile " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            peer.close();
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Mean node times over the runs in {@code counted}, runs numbered in the order of the
     * profile's "model_run" events; a node's events are matched to runs by their start times.
     */
    static List<NodeTime> parse(JsonNode events, BitSet counted) {
        List<long[]> windows = new ArrayList<>(); // [start, end] of each run, in microseconds
        for (JsonNode e : events) {
            if ("model_run".equals(e.path("name").asText())) {
                long ts = e.path("ts").asLong();
                windows.add(new long[] {ts, ts + e.path("dur").asLong()});
            }
        }
        if (windows.size() < counted.length()) {
            throw new IllegalStateException("ONNX Runtime's profile has " + windows.size() + " runs, expected " + counted.length());
        }
        windows.sort(Comparator.comparingLong(w -> w[0]));
        Map<String, NodeTime> nodes = new LinkedHashMap<>(); // by node name, in first-run order; times summed
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time")) continue;
            int run = runAt(windows, e.path("ts").asLong());
            if (run < 0 || !counted.get(run)) continue;
            double ms = e.path("dur").asLong() / 1000.0;
            nodes.merge(name, node(e.path("args"), ms), (a, b) -> new NodeTime(a.op(), a.inputs(), a.output(), a.meanMs() + b.meanMs()));
        }
        int runs = counted.cardinality();
        return nodes.values().stream().map(n -> new NodeTime(n.op(), n.inputs(), n.output(), n.meanMs() / runs)).toList();
    }

    /** The run whose window holds time {@code ts}, or -1. */
    private static int runAt(List<long[]> windows, long ts) {
        for (int i = 0; i < windows.size(); i++) {
            if (ts >= windows.get(i)[0] && ts <= windows.get(i)[1]) return i;
        }
        return -1;
    }

    private static NodeTime node(JsonNode args, double ms) {
        List<long[]> inputs = new ArrayList<>();
        for (JsonNode in : args.path("input_type_shape")) inputs.add(dims(in));
        JsonNode outputs = args.path("output_type_shape");
        return new NodeTime(args.path("op_name").asText(), inputs, outputs.isEmpty() ? new long[0] : dims(outputs.get(0)), ms);
    }

    /** {"float": [1, 3, 224, 224]} -> the dims. */
    private static long[] dims(JsonNode typed) {
        JsonNode list = typed.elements().hasNext() ? typed.elements().next() : JSON.createArrayNode();
        long[] d = new long[list.size()];
        for (int i = 0; i < d.length; i++) d[i] = list.get(i).asLong();
        return d;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
