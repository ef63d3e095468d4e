package dev.hardnetzoo.examples.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.BatchNormParams;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXContext;

/** Turns one graph into an ONNX GraphProto, node by node; see {@link OnnxExporter}. */
final class OnnxGraphEmitter {
    static final String INPUT = "input";

    private final Graph graph;
    private final Map<String, float[]> params;
    private final boolean dynamicSpatial;
    private final ONNXContext context = new ONNXContext();
    private final OnnxMl.GraphProto.Builder proto = OnnxMl.GraphProto.newBuilder();
    private final Map<Integer, String> tensorOf = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> initializers = new HashSet<>();

    OnnxGraphEmitter(Graph graph, Map<String, float[]> params, boolean dynamicSpatial) {
        this.graph = graph;
        this.params = params;
        this.dynamicSpatial = dynamicSpatial;
    }

    OnnxMl.GraphProto emit(String name) {
        proto.setName(name);
        Map<Integer, String> outputNames = outputNames();
        for (Node node : graph.nodes()) {
            String out = outputNames.getOrDefault(node.id(), unique(node.name()));
            tensorOf.put(node.id(), out);
            emitNode(node, out);
        }
        proto.addInput(valueInfo(INPUT, graph.inputShape()));
        for (int id : graph.outputs()) proto.addOutput(valueInfo(tensorOf.get(id), graph.node(id).shape()));
        return proto.build();
    }

    private Map<Integer, String> outputNames() {
        List<Integer> outs = graph.outputs();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i) == 0) throw new IllegalArgumentException("the graph returns its input unchanged; nothing to export");
            if (names.putIfAbsent(outs.get(i), outs.size() == 1 ? "output" : "output" + i) != null) {
                throw new IllegalArgumentException("graph output " + graph.node(outs.get(i)).name() + " is listed twice");
            }
        }
        usedNames.add(INPUT);
        usedNames.addAll(names.values());
        usedNames.addAll(graph.params().keySet()); // initializers keep their official names

        return names;
    }

    private void emitNode(Node node, String out) {
        switch (node.op()) {
            case Op.Input in -> tensorOf.put(node.id(), INPUT);
            case Op.Conv2d c -> {
                String x = input(node, 0);
                String conv = c.foldedBn() == null && c.activation() == Activation.NONE ? out : unique(out + ".conv");
                var attrs = Map.<String, Object>of(
                        "kernel_shape", new int[] {c.kernelH(), c.kernelW()},
                        "strides", new int[] {c.strideH(), c.strideW()},
                        "pads", new int[] {c.padH(), c.padW(), c.padH(), c.padW()},
                        "dilations", new int[] {c.dilationH(), c.dilationW()},
                        "group", c.groups());
                node(OnnxOps.CONV, c.bias() == null ? List.of(x, weight(c.weight())) : List.of(x, weight(c.weight()), weight(c.bias())),
                        conv, attrs);
                String normed = conv;
                if (c.foldedBn() != null) {
                    normed = c.activation() == Activation.NONE ? out : unique(out + ".bn");
                    batchNorm(c.foldedBn(), conv, normed);
                }
                activation(c.activation(), normed, out);
            }
            case Op.ConvTranspose2d c -> node(OnnxOps.CONV_TRANSPOSE, c.bias() == null
                    ? List.of(input(node, 0), weight(c.weight()))
                    : List.of(input(node, 0), weight(c.weight()), weight(c.bias())), out, Map.of(
                    "kernel_shape", new int[] {c.kernelH(), c.kernelW()},
                    "strides", new int[] {c.strideH(), c.strideW()},
                    "pads", new int[] {c.padH(), c.padW(), c.padH(), c.padW()},
                    "output_padding", new int[] {c.outputPadH(), c.outputPadW()}));
            // a fixed window, like a fixed-size Resize: exact at the exported input size
            case Op.Crop c -> node(OnnxOps.SLICE, List.of(input(node, 0), longs(out + ".starts", c.top(), c.left()),
                    longs(out + ".ends", c.top() + node.shape().h(), c.left() + node.shape().w()),
                    longs(out + ".axes", 2, 3)), out, Map.of());
            case Op.BatchNorm bn -> {
                String normed = bn.activation() == Activation.NONE ? out : unique(out + ".bn");
                batchNorm(bn.params(), input(node, 0), normed);
                activation(bn.activation(), normed, out);
            }
            case Op.Act a -> activation(a.activation(), input(node, 0), out);
            case Op.MaxPool p -> node(OnnxOps.MAX_POOL, List.of(input(node, 0)), out, Map.of(
                    "kernel_shape", new int[] {p.kernelH(), p.kernelW()},
                    "strides", new int[] {p.strideH(), p.strideW()},
                    "pads", new int[] {p.padH(), p.padW(), p.padH(), p.padW()},
                    "ceil_mode", p.ceilMode() ? 1 : 0));
            case Op.AvgPool p -> node(OnnxOps.AVERAGE_POOL, List.of(input(node, 0)), out, Map.of(
                    "kernel_shape", new int[] {p.kernelH(), p.kernelW()},
                    "strides", new int[] {p.strideH(), p.strideW()},
                    "pads", new int[] {p.padH(), p.padW(), p.padH(), p.padW()},
                    "ceil_mode", p.ceilMode() ? 1 : 0,
                    "count_include_pad", p.countIncludePad() ? 1 : 0));
            case Op.GlobalAvgPool g -> node(OnnxOps.GLOBAL_AVERAGE_POOL, List.of(input(node, 0)), out, Map.of());
            case Op.Concat c -> node(OnnxOps.CONCAT, inputs(node), out, Map.of("axis", 1));
            case Op.Add a -> {
                String sum = a.activation() == Activation.NONE ? out : unique(out + ".sum");
                node(OnnxOps.ADD, inputs(node), sum, Map.of());
                activation(a.activation(), sum, out);
            }
            case Op.Resize r -> resize(node, out, r.outH(), r.outW(), r.scaleH(), r.scaleW(), Map.of("mode", "linear",
                    "coordinate_transformation_mode", r.alignCorners() ? "align_corners"
                            : r.scaleH() != 0 && r.scaleW() != 0 ? "half_pixel" : "pytorch_half_pixel"));
            // PyTorch's nearest: source = floor(dst * in/out), or floor(dst / scale_factor).
            case Op.ResizeNearest r -> resize(node, out, r.outH(), r.outW(), r.scaleH(), r.scaleW(), Map.of(
                    "mode", "nearest", "coordinate_transformation_mode", "asymmetric", "nearest_mode", "floor"));
            case Op.Linear l -> node(OnnxOps.GEMM, l.bias() == null ? List.of(input(node, 0), weight(l.weight()))
                    : List.of(input(node, 0), weight(l.weight()), weight(l.bias())), out, Map.of("transB", 1));
            case Op.Softmax s -> node(OnnxOps.SOFTMAX, List.of(input(node, 0)), out, Map.of("axis", s.axis()));
            case Op.Flatten f -> node(OnnxOps.FLATTEN, List.of(input(node, 0)), out, Map.of("axis", 1));
            case Op.L2Norm n -> l2Norm(input(node, 0), n, out);
            // x.permute(0, 2, 3, 1).view(N, -1, rowLength); Reshape's 0 keeps the (dynamic) batch
            case Op.ChannelsLast c -> {
                String nhwc = unique(out + ".nhwc");
                node(OnnxOps.TRANSPOSE, List.of(input(node, 0)), nhwc, Map.of("perm", new int[] {0, 2, 3, 1}));
                node(OnnxOps.RESHAPE, List.of(nhwc, longs(out + ".shape", 0, -1, c.rowLength())), out, Map.of());
            }
            case Op.ConcatAxis c -> node(OnnxOps.CONCAT, inputs(node), out, Map.of("axis", c.axis()));
            // New ops reach here until they are mapped: refuse rather than write a wrong model.
            default -> throw new UnsupportedOperationException("ONNX export has no mapping for op "
                    + node.op().getClass().getSimpleName() + " (layer " + node.name() + ")");
        }
    }

    /** SSD's L2Norm: x / (sqrt(sum over channels of x^2) + eps) * weight[c], eps added after the root. */
    private void l2Norm(String x, Op.L2Norm n, String out) {
        String sumSquares = unique(out + ".sumsq");
        node(OnnxOps.REDUCE_SUM_SQUARE, List.of(x), sumSquares, Map.of("axes", new int[] {1}, "keepdims", 1));
        String norm = unique(out + ".norm");
        node(OnnxOps.SQRT, List.of(sumSquares), norm, Map.of());
        String denominator = unique(out + ".denominator");
        node(OnnxOps.ADD, List.of(norm, scalar(unique(out + ".eps"), n.eps())), denominator, Map.of());
        String normalised = unique(out + ".normalised");
        node(OnnxOps.DIV, List.of(x, denominator), normalised, Map.of());
        String perChannel = unique(out + ".scale");
        node(OnnxOps.RESHAPE, List.of(weight(n.weight()), longs(out + ".weightshape", 1, -1, 1, 1)), perChannel, Map.of());
        node(OnnxOps.MUL, List.of(normalised, perChannel), out, Map.of());
    }

    private void batchNorm(BatchNormParams p, String x, String out) {
        node(OnnxOps.BATCH_NORMALIZATION, List.of(x, weight(p.weight()), weight(p.bias()), weight(p.runningMean()),
                weight(p.runningVar())), out, Map.of("epsilon", p.eps()));
    }

    private void activation(Activation act, String x, String out) {
        switch (act) {
            case NONE -> {
                if (!x.equals(out)) throw new IllegalStateException("no activation, yet " + x + " is not " + out);
            }
            case RELU -> node(OnnxOps.RELU, List.of(x), out, Map.of());
            case RELU6 -> node(OnnxOps.CLIP, List.of(x, scalar("relu6.min", 0f), scalar("relu6.max", 6f)), out, Map.of());
        }
    }

    /**
     * A resize. By a scale factor: the scales input, so any input size works. To a fixed size:
     * sizes = [N, C] of the input followed by [H, W], so the batch stays dynamic (opset 17 Resize
     * wants sizes for every axis).
     */
    private void resize(Node node, String out, int outH, int outW, double scaleH, double scaleW, Map<String, Object> attrs) {
        String x = input(node, 0);
        if (scaleH != 0 && scaleW != 0) {
            String scales = floats(out + ".scales", new float[] {1, 1, (float) scaleH, (float) scaleW});
            node(OnnxOps.RESIZE, List.of(x, "", scales), out, attrs);
            return;
        }
        String shape = unique(out + ".shape");
        node(OnnxOps.SHAPE, List.of(x), shape, Map.of());
        String batchAndChannels = unique(out + ".nc");
        node(OnnxOps.SLICE, List.of(shape, longs(out + ".start", 0), longs(out + ".end", 2)), batchAndChannels, Map.of());
        String sizes = unique(out + ".sizes");
        node(OnnxOps.CONCAT, List.of(batchAndChannels, longs(out + ".hw", outH, outW)), sizes, Map.of("axis", 0));
        node(OnnxOps.RESIZE, List.of(x, "", "", sizes), out, attrs);
    }

    private void node(OnnxOps op, List<String> inputs, String out, Map<String, Object> attrs) {
        OnnxMl.NodeProto built = op.build(context, inputs.toArray(String[]::new), new String[] {out}, attrs);
        proto.addNode(built.toBuilder().setName(out)); // named after the layer, as in the PyTorch model
    }

    private String input(Node node, int i) {
        return tensorOf.get(node.inputs().get(i));
    }

    private List<String> inputs(Node node) {
        return node.inputs().stream().map(tensorOf::get).toList();
    }

    /** A model parameter as an initializer named by its official state_dict key. */
    private String weight(String name) {
        if (initializers.add(name)) {
            ParamSpec spec = graph.params().get(name);
            float[] data = params.get(name);
            if (spec == null || data == null) throw new IllegalArgumentException("no weights for tensor '" + name + "'");
            if (data.length != spec.shape().size()) {
                throw new IllegalArgumentException("tensor '" + name + "' has " + data.length + " values, expected "
                        + spec.shape() + " = " + spec.shape().size());
            }
            proto.addInitializer(floatTensor(name, spec.shape().dims(), data));
        }
        return name;
    }

    private String scalar(String name, float value) {
        if (initializers.add(name)) {
            proto.addInitializer(floatTensor(name, new int[0], new float[] {value}));
            usedNames.add(name);
        }
        return name;
    }

    private String floats(String base, float[] values) {
        String name = unique(base);
        initializers.add(name);
        proto.addInitializer(floatTensor(name, new int[] {values.length}, values));
        return name;
    }

    private String longs(String base, long... values) {
        String name = unique(base);
        initializers.add(name);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) t.addInt64Data(v);
        proto.addInitializer(t);
        return name;
    }

    private static OnnxMl.TensorProto floatTensor(String name, int[] dims, float[] data) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(raw));
        for (int d : dims) t.addDims(d);
        return t.build();
    }

    /** Batch is always symbolic; with dynamic spatial sizes only dims that cannot depend on H and W are fixed. */
    private OnnxMl.ValueInfoProto valueInfo(String name, Shape shape) {
        OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            boolean fixed = i == 1 && (shape.rank() == 2 || shape.rank() == 4) || i > 0 && !dynamicSpatial;
            if (i == 0) d.setDimParam("batch");
            else if (fixed) d.setDimValue(shape.dim(i));
            else if (name.equals(INPUT)) d.setDimParam(i == 2 ? "height" : "width");
            dims.addDim(d);
        }
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(dims).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** Layer names can repeat (an activation after its conv); ONNX tensor names must not. */
    private String unique(String base) {
        String name = base;
        for (int i = 1; !usedNames.add(name); i++) name = base + "#" + i;
        return name;
    }
}
