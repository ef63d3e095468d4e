package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardnet bench} and {@code hardnet export} as a user runs them. */
class BenchAndExportCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void benchJsonHasOneObjectPerModelWithTheLatencyFields() throws Exception {
        CliRun r = CliRun.of("bench", "hardnet39ds", "hardnet68ds", "--size", "64x48", "--batch", "2",
                "--warmup", "1", "--iters", "2", "--threads", "1", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode rows = JSON.readTree(r.out);
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        assertThat(first.get("model").asText()).isEqualTo("hardnet39ds");
        assertThat(first.get("input").asText()).isEqualTo("64x48");
        assertThat(first.get("batch").asInt()).isEqualTo(2);
        assertThat(first.get("iterations").asInt()).isEqualTo(2);
        double median = first.get("medianMs").asDouble();
        assertThat(first.get("minMs").asDouble()).isPositive().isLessThanOrEqualTo(median);
        assertThat(first.get("imagesPerSecond").asDouble()).isCloseTo(2 * 1000 / median, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.get("peakHeapBytes").asLong()).isPositive();
        assertThat(first.has("peer")).isFalse();
        assertThat(rows.get(1).get("model").asText()).isEqualTo("hardnet68ds");
    }

    @Test
    void benchWithOnnxRuntimePrintsBothLatenciesTheRatioAndAgreement() throws Exception {
        CliRun r = CliRun.of("bench", "hardnet39ds", "--size", "64", "--warmup", "0", "--iters", "2",
                "--threads", "2", "--peer", "onnxruntime", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode row = JSON.readTree(r.out).get(0);
        assertThat(row.get("peer").asText()).isEqualTo("onnxruntime");
        assertThat(row.get("outputsAgree").asBoolean()).isTrue();
        assertThat(row.get("ratio").asDouble())
                .isCloseTo(row.get("medianMs").asDouble() / row.get("peerMedianMs").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        // 2 timed runs alternate in 2 blocks of one run each, so with the runs' medians being their means,
        // the ratio of the sums lies between the two blocks' ratios.
        JsonNode blocks = row.get("blockRatios");
        assertThat(blocks).hasSize(2);
        double lo = Math.min(blocks.get(0).asDouble(), blocks.get(1).asDouble());
        double hi = Math.max(blocks.get(0).asDouble(), blocks.get(1).asDouble());
        assertThat(lo).isPositive();
        assertThat(row.get("ratio").asDouble()).isBetween(lo - 1e-9, hi + 1e-9);

        CliRun text = CliRun.of("bench", "hardnet39ds", "--size", "64", "--warmup", "0", "--iters", "1", "--peer", "onnxruntime");
        assertThat(text.exitCode).as(text.err).isZero();
        assertThat(text.out).contains("hardnet      median").contains("onnxruntime  median").containsPattern("off-heap [^\\n]* \\(both engines\\)")
                .contains("ratio hardnet/onnxruntime (median)").containsPattern("\\(blocks \\d+\\.\\d\\d-\\d+\\.\\d\\dx\\)")
                .contains("outputs agree");
    }

    @Test
    void benchLayersSumsEachEnginesLayerTimesPerLayerClass() throws Exception {
        CliRun r = CliRun.of("bench", "hardnet39ds", "--size", "64", "--warmup", "1", "--iters", "2",
                "--threads", "1", "--peer", "onnxruntime", "--layers", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode layers = JSON.readTree(r.out).get(0).get("layers");
        assertThat(layers).isNotEmpty();
        java.util.Map<String, JsonNode> byClass = new java.util.HashMap<>();
        layers.forEach(l -> byClass.put(l.get("layerClass").asText(), l));
        // HarDNet-39DS at 64x64: a 3x3 stride-2 stem to 32x32, then its 1x1 and depthwise layers; both engines run all of them.
        JsonNode stem = byClass.get("conv 3x3 s2 -> 32x32");
        assertThat(stem.get("layers").asInt()).isEqualTo(1);
        assertThat(stem.get("peerLayers").asInt()).isEqualTo(1);
        // 24 outputs x 3 inputs x 3 x 3 taps at 32 x 32 pixels, counted alike from our graph and ONNX Runtime's shapes.
        assertThat(stem.get("macs").asLong()).isEqualTo(24L * 3 * 9 * 32 * 32);
        assertThat(stem.get("peerMacs").asLong()).isEqualTo(24L * 3 * 9 * 32 * 32);
        assertThat(byClass.get("concat").get("macs").asLong()).isZero();
        JsonNode depthwise = byClass.get("conv 3x3 depthwise s2 -> 16x16");
        assertThat(depthwise.get("layers").asInt()).isEqualTo(depthwise.get("peerLayers").asInt()).isPositive();
        int convs = 0;
        for (JsonNode l : layers) {
            if (l.get("layerClass").asText().startsWith("conv")) convs += l.get("layers").asInt();
            assertThat(l.get("ms").asDouble()).isNotNegative();
            assertThat(l.get("peerMs").asDouble()).isNotNegative();
        }
        assertThat(convs).as("every conv of the model, each in one class").isEqualTo(expectedConvs("hardnet39ds"));

        CliRun text = CliRun.of("bench", "hardnet39ds", "--size", "64", "--warmup", "0", "--iters", "1", "--layers");
        assertThat(text.exitCode).as(text.err).isZero();
        assertThat(text.out).contains("where the time goes").contains("layer class").contains("GFLOP/s").contains("conv 3x3 s2 -> 32x32")
                .contains("total (summed layer times)").doesNotContain("onnxruntime");
    }

    @Test
    void benchLayersRefusesBackendsThatCannotTimeLayers() throws Exception {
        CliRun.assertUsageError(CliRun.of("bench", "hardnet39ds", "--size", "64", "--iters", "1", "--layers", "--backend", "tornado"),
                "bench", "--layers times single layers on the cpu backend only, not tornado");
    }

    /** Conv layers of a model's graph at 64x64. */
    private static int expectedConvs(String id) {
        dev.hardnetzoo.core.zoo.ModelSpec spec = dev.hardnetzoo.core.zoo.ModelZoo.get(id);
        return (int) spec.architecture().build(dev.hardnetzoo.core.tensor.Shape.nchw(1, 3, 64, 64), spec.defaultClasses())
                .nodes().stream().filter(n -> n.op() instanceof dev.hardnetzoo.core.graph.Op.Conv2d).count();
    }

    @Test
    void benchRefusesRoundsWithoutAPeerOrBeyondTheTimedRuns() throws Exception {
        CliRun.assertUsageError(CliRun.of("bench", "hardnet39ds", "--size", "64", "--iters", "2", "--rounds", "2"),
                "bench", "--rounds needs --peer");
        CliRun tooMany = CliRun.of("bench", "hardnet39ds", "--size", "64", "--iters", "2", "--rounds", "3",
                "--peer", "onnxruntime");
        assertThat(tooMany.exitCode).isNotZero();
        assertThat(tooMany.err).contains("--rounds must be between 1 and --iters (2), got 3");
    }

    @Test
    void exportWritesAnOnnxModelOfTheWeights() throws Exception {
        Path w = tmp.resolve("w.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", w.toString(), "--classes", "10").exitCode).isZero();
        Path out = tmp.resolve("hardnet39ds.onnx");
        CliRun r = CliRun.of("export", "hardnet39ds", "--weights", w.toString(), "--out", out.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("opset 17").contains("input [batch, 3, height, width]");
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(model.getGraph().getInitializerList()).anyMatch(t -> t.getName().equals("base.14.3.weight")
                && t.getDims(0) == 10); // the class count comes from the weights
    }

    @Test
    void badArgumentsFailWithOneLineAndWriteNothing() throws Exception {
        Path w = tmp.resolve("w.safetensors");
        CliRun.of("init", "hardnet39ds", "--out", w.toString());
        Path out = tmp.resolve("m.onnx");
        CliRun.assertOneLineError(CliRun.of("export", "hardnet68", "--weights", w.toString(), "--out", out.toString()),
                "written for model 'hardnet39ds'");
        CliRun.assertOneLineError(CliRun.of("export", "hardnet39ds", "--weights", tmp.resolve("nope.safetensors").toString(),
                "--out", out.toString()), "nope.safetensors");
        assertThat(out).doesNotExist();
        CliRun.assertOneLineError(CliRun.of("bench", "nosuchnet"), "unknown model 'nosuchnet'");
        CliRun.assertUsageError(CliRun.of("bench", "hardnet39ds", "--batch", "0"), "bench", "--batch must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("bench", "hardnet39ds", "--iters", "0"), "bench", "--iters must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("bench", "hardnet39ds", "--threads", "0"), "bench", "--threads must be at least 1, got 0");
        CliRun.assertOneLineError(CliRun.of("bench", "hardnet39ds", "--size", "16"), "at least 32x32");
        assertThat(CliRun.of("bench", "hardnet39ds", "--peer", "tensorrt").exitCode).isEqualTo(2);
        assertThat(CliRun.of("bench").exitCode).isEqualTo(2);
    }
}
