package dev.hardnetzoo.examples.onnx;

import ai.onnx.proto.OnnxMl;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.AtomicFiles;
import dev.hardnetzoo.core.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a zoo model's graph and weights as an ONNX model (opset {@value OnnxOps#OPSET}):
 * weights become initializers under their official state_dict names, the input is
 * {@code input} [batch, C, H, W] and the outputs {@code output} (or {@code output0},
 * {@code output1}, ... for several). The batch size is always dynamic; height and width are
 * too unless an op pins them (a resize to a fixed size, a crop, a flatten of a spatial map).
 * An op the exporter cannot map fails the export with its name, never a silently wrong graph.
 */
public final class OnnxExporter {
    static final int IR_VERSION = 8; // the IR version that goes with opset 17

    private OnnxExporter() {}

    /** The ONNX model of {@code graph} (unoptimised, official names) with {@code params} as initializers. */
    public static OnnxMl.ModelProto export(String modelId, Graph graph, Map<String, float[]> params) {
        boolean dynamicSpatial = allowsDynamicSpatialSize(graph);
        OnnxMl.GraphProto body = new OnnxGraphEmitter(graph, params, dynamicSpatial).emit(modelId);
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxOps.CONV.opsetProto())
                .setProducerName("hardnet-zoo")
                .setGraph(body)
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey("model").setValue(modelId))
                .build();
    }

    /** Writes the model so that {@code out} is either the old file or the complete new one. */
    public static void write(OnnxMl.ModelProto model, Path out) throws IOException {
        AtomicFiles.write(out, model::writeTo);
    }

    /** Height and width may vary in the exported model unless some op's meaning depends on them. */
    public static boolean allowsDynamicSpatialSize(Graph graph) {
        for (Node node : graph.nodes()) {
            boolean pins = switch (node.op()) {
                case Op.Resize r -> r.scaleH() == 0 || r.scaleW() == 0;
                case Op.ResizeNearest r -> r.scaleH() == 0 || r.scaleW() == 0;
                case Op.Crop c -> true; // a fixed window, only right at the exported size
                case Op.Flatten f -> {
                    Shape in = graph.node(node.inputs().get(0)).shape();
                    yield in.rank() == 4 && (in.h() != 1 || in.w() != 1);
                }
                default -> false;
            };
            if (pins) return false;
        }
        return true;
    }
}
