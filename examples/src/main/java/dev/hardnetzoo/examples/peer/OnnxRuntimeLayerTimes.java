package dev.hardnetzoo.examples.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ONNX Runtime's time per graph node, from its own profiler: a session with profiling on runs the
 * model {@code warmup + runs} times, and the nodes' kernel times of the last {@code runs} runs
 * are averaged. Node shapes are as ONNX Runtime reports them (logical NCHW, also for its blocked
 * NCHWc kernels); its fused nodes (FusedConv: conv + activation) count as one.
 */
public final class OnnxRuntimeLayerTimes {
    /**
     * One node: ONNX Runtime's operator name (Conv, FusedConv, Concat, ReorderInput, ...), its
     * inputs' and first output's dims, and its mean kernel time per run.
     */
    public record NodeTime(String op, List<long[]> inputs, long[] output, double meanMs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxRuntimeLayerTimes() {}

    /** Node times of the ONNX model on {@code input} with {@code threads} intra-op threads. */
    public static List<NodeTime> measure(byte[] onnxModel, int threads, Tensor input, int warmup, int runs) {
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hardnet-ort-profile");
            String file;
            try (OnnxRuntimePeer peer = OnnxRuntimePeer.load(onnxModel, threads, dir.resolve("profile").toString())) {
                for (int i = 0; i < warmup + runs; i++) peer.run(input);
                file = peer.endProfiling();
            }
            return parse(JSON.readTree(Path.of(file).toFile()), runs);
        } catch (IOException e) {
            throw new UncheckedIOException("reading ONNX Runtime's profile: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Mean node times over the last {@code runs} "model_run" events of a profile (a JSON array of trace events). */
    static List<NodeTime> parse(JsonNode events, int runs) {
        List<long[]> windows = new ArrayList<>(); // [start, end] of each run, in microseconds
        for (JsonNode e : events) {
            if ("model_run".equals(e.path("name").asText())) {
                long ts = e.path("ts").asLong();
                windows.add(new long[] {ts, ts + e.path("dur").asLong()});
            }
        }
        if (windows.size() < runs) {
            throw new IllegalStateException("ONNX Runtime's profile has " + windows.size() + " runs, expected at least " + runs);
        }
        windows.sort(Comparator.comparingLong(w -> w[0]));
        long from = windows.get(windows.size() - runs)[0];
        Map<String, NodeTime> nodes = new LinkedHashMap<>(); // by node name, in first-run order; times summed
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time") || e.path("ts").asLong() < from) continue;
            double ms = e.path("dur").asLong() / 1000.0;
            nodes.merge(name, node(e.path("args"), ms), (a, b) -> new NodeTime(a.op(), a.inputs(), a.output(), a.meanMs() + b.meanMs()));
        }
        return nodes.values().stream().map(n -> new NodeTime(n.op(), n.inputs(), n.output(), n.meanMs() / runs)).toList();
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
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
