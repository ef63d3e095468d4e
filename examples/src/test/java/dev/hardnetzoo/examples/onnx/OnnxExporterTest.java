package dev.hardnetzoo.examples.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.bench.RandomModels;
import dev.hardnetzoo.examples.peer.OnnxRuntimePeer;
import dev.hardnetzoo.examples.peer.OutputAgreement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported model's structure: opset, names, dynamic axes, and refusals. */
class OnnxExporterTest {
    @TempDir
    Path tmp;

    @Test
    void weightsAreInitializersUnderTheirOfficialNamesAtOpset17() {
        ModelSpec spec = ModelZoo.get("hardnet39ds");
        Graph graph = spec.defaultGraph();
        OnnxMl.ModelProto model = OnnxExporter.export(spec.id(), graph, RandomModels.weights(graph, 1));
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(model.getGraph().getInitializerList()).extracting(OnnxMl.TensorProto::getName)
                .contains("base.0.conv.weight", "base.0.norm.running_var", "base.14.3.weight");
        long exported = model.getGraph().getInitializerList().stream()
                .filter(t -> graph.params().containsKey(t.getName()))
                .mapToLong(t -> t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b)).sum();
        long expected = graph.params().values().stream().mapToLong(p -> p.shape().size()).sum();
        assertThat(exported).isEqualTo(expected);
        OnnxMl.TensorShapeProto in = model.getGraph().getInput(0).getType().getTensorType().getShape();
        assertThat(in.getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(in.getDim(1).getDimValue()).isEqualTo(3);
        assertThat(in.getDim(2).getDimParam()).isEqualTo("height");
    }

    @Test
    void aClassifierExportedAt224RunsAtAnotherBatchAndSize() {
        ModelSpec spec = ModelZoo.get("hardnet39ds");
        Graph at224 = spec.defaultGraph();
        Map<String, float[]> weights = RandomModels.weights(at224, 2);
        Tensor input = RandomModels.input(Shape.nchw(2, 3, 64, 96), 4);
        try (Model model = Model.of(spec, 1000, weights, Backends.get(Backends.DEFAULT), new BackendOptions(2));
             OnnxRuntimePeer ort = OnnxRuntimePeer.load(OnnxExporter.export(spec.id(), at224, weights).toByteArray(), 2)) {
            OutputAgreement agreement = OutputAgreement.of(model.runAll(input), ort.run(input));
            assertThat(agreement.agrees()).as(agreement.toString()).isTrue();
        }
    }

    @Test
    void aFixedSizeResizeKeepsTheBatchDynamicButPinsHeightAndWidth() {
        Graph graph = resizes(1);
        assertThat(OnnxExporter.allowsDynamicSpatialSize(graph)).isFalse();
        OnnxMl.ModelProto model = OnnxExporter.export("resize", graph, Map.of());
        assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(2).getDimValue()).isEqualTo(5);
        Tensor input = RandomModels.input(Shape.nchw(3, 2, 5, 7), 1);
        try (OnnxRuntimePeer ort = OnnxRuntimePeer.load(model.toByteArray(), 1);
             Executable ours = Backends.get(Backends.DEFAULT).compile(Passes.optimize(resizes(3)), Map.of(),
                     new BackendOptions(1))) {
            OutputAgreement agreement = OutputAgreement.of(ours.run(input), ort.run(input));
            assertThat(agreement.agrees(1e-5)).as(agreement.toString()).isTrue();
        }
    }

    /** Resizes of every kind: bilinear to a size with and without align_corners and by a scale factor; nearest by a scale factor and to a size. */
    private static Graph resizes(int batch) {
        GraphBuilder b = new GraphBuilder(Shape.nchw(batch, 2, 5, 7));
        var up = b.resize("up", b.input(), 9, 4, false);
        var upCorners = b.resize("upc", b.input(), 9, 4, true);
        var scaled = b.resizeByScale("scaled", b.input(), 2.0, false);
        var scaledCorners = b.resizeByScale("scaledc", b.input(), 1.5, true);
        var nearest = b.resizeNearestByScale("nearest", b.input(), 4.0);
        var nearestOdd = b.resizeNearestByScale("nearestodd", b.input(), 1.7);
        var nearestToSize = b.add("nearestsize", new Op.ResizeNearest(9, 4, 0, 0), List.of(b.input().id()),
                Shape.nchw(batch, 2, 9, 4));
        return b.output(up, upCorners, scaled, scaledCorners, nearest, nearestOdd, nearestToSize).build();
    }

    @Test
    void ssdHeadOpsAgreeWithOnnxRuntime() {
        Tensor input = RandomModels.input(Shape.nchw(2, 4, 5, 6), 1);
        Graph exported = ssdHead(1);
        Map<String, float[]> weights = RandomModels.weights(exported, 3);
        OnnxMl.ModelProto model = OnnxExporter.export("ssd-head", exported, weights);
        assertThat(OnnxExporter.allowsDynamicSpatialSize(exported)).isTrue();
        try (OnnxRuntimePeer ort = OnnxRuntimePeer.load(model.toByteArray(), 1);
             Executable ours = Backends.get(Backends.DEFAULT).compile(Passes.optimize(ssdHead(2)), weights,
                     new BackendOptions(1))) {
            OutputAgreement agreement = OutputAgreement.of(ours.run(input), ort.run(input));
            assertThat(agreement.agrees(1e-5)).as(agreement.toString()).isTrue();
        }
    }

    /** L2Norm, then two heads made channels-last rows and concatenated along the rows, as SSD does. */
    private static Graph ssdHead(int batch) {
        GraphBuilder b = new GraphBuilder(Shape.nchw(batch, 4, 5, 6));
        var normed = b.l2Norm("L2Norm", b.input(), 1e-10f);
        var loc = b.channelsLast("loc", b.conv2d("loc.0", normed, 8, 3, 1, 1, 1, 1, true), 4);
        var loc2 = b.channelsLast("loc2", b.conv2d("loc.1", b.input(), 4, 1, 2, 0, 1, 1, true), 4);
        return b.output(b.concatAxis("cat", List.of(loc, loc2), 1)).build();
    }

    @Test
    void aCropPinsTheSpatialSize() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 2, 8, 8));
        Graph graph = b.output(b.crop("crop", b.input(), 1, 2, 5, 4)).build();
        assertThat(OnnxExporter.allowsDynamicSpatialSize(graph)).isFalse();
    }

    @Test
    void missingWeightsAreNamed() {
        Graph graph = ModelZoo.get("hardnet39ds").defaultGraph();
        Map<String, float[]> weights = new HashMap<>(RandomModels.weights(graph, 1));
        weights.remove("base.0.conv.weight");
        assertThatThrownBy(() -> OnnxExporter.export("hardnet39ds", graph, weights))
                .hasMessageContaining("no weights for tensor 'base.0.conv.weight'");
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws Exception {
        Path out = tmp.resolve("model.onnx");
        Files.writeString(out, "old");
        OnnxMl.ModelProto model = OnnxExporter.export("resize", resizeOnly(), Map.of());
        Path unwritable = tmp.resolve("missing-dir").resolve("model.onnx");
        assertThatThrownBy(() -> OnnxExporter.write(model, unwritable)).isInstanceOf(java.io.IOException.class);
        OnnxExporter.write(model, out);
        assertThat(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out))).isEqualTo(model);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(out); // no temporary file left behind
        }
    }

    private static Graph resizeOnly() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 1, 2, 2));
        return b.output(b.resizeByScale("up", b.input(), 2.0, true)).build();
    }
}
