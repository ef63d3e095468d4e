package dev.hardnetzoo.examples.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (default domain, opset {@value #OPSET}) the exporter emits, described for
 * Tribuo's {@link ONNXOperator} so that every node is checked for its input count and attribute
 * names and types when it is built. Tribuo's own operator table stops short of convolutions.
 */
enum OnnxOps implements ONNXOperator {
    CONV("Conv", 2, 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("dilations", AttributeType.INTS), attr("group", AttributeType.INT)),
    CONV_TRANSPOSE("ConvTranspose", 2, 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("dilations", AttributeType.INTS), attr("group", AttributeType.INT),
            attr("output_padding", AttributeType.INTS)),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, attr("epsilon", AttributeType.FLOAT)),
    RELU("Relu", 1, 0),
    CLIP("Clip", 1, 2),
    MAX_POOL("MaxPool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("ceil_mode", AttributeType.INT)),
    AVERAGE_POOL("AveragePool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("ceil_mode", AttributeType.INT), attr("count_include_pad", AttributeType.INT)),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    CONCAT("Concat", ONNXAttribute.VARIADIC_INPUT, 0, attr("axis", AttributeType.INT)),
    ADD("Add", 2, 0),
    MUL("Mul", 2, 0),
    DIV("Div", 2, 0),
    SQRT("Sqrt", 1, 0),
    REDUCE_SUM_SQUARE("ReduceSumSquare", 1, 0, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    RESIZE("Resize", 1, 3, attr("mode", AttributeType.STRING), attr("coordinate_transformation_mode", AttributeType.STRING),
            attr("nearest_mode", AttributeType.STRING)),
    GEMM("Gemm", 2, 1, attr("transB", AttributeType.INT)),
    SOFTMAX("Softmax", 1, 0, attr("axis", AttributeType.INT)),
    FLATTEN("Flatten", 1, 0, attr("axis", AttributeType.INT)),
    RESHAPE("Reshape", 2, 0),
    TRANSPOSE("Transpose", 1, 0, attr("perm", AttributeType.INTS)),
    SHAPE("Shape", 1, 0),
    SLICE("Slice", 3, 2);

    static final int OPSET = 17;

    private final String opName;
    private final int numInputs;
    private final int numOptionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String opName, int numInputs, int numOptionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.numInputs = numInputs;
        this.numOptionalInputs = numOptionalInputs;
        this.attributes = Collections.unmodifiableMap(Arrays.stream(attributes).collect(
                Collectors.toMap(ONNXAttribute::getName, a -> a, (a, b) -> a, LinkedHashMap::new)));
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override public String getOpName() { return opName; }
    @Override public int getNumInputs() { return numInputs; }
    @Override public int getNumOptionalInputs() { return numOptionalInputs; }
    @Override public int getNumOutputs() { return 1; }
    @Override public Map<String, ONNXAttribute> getAttributes() { return attributes; }
    @Override public Set<String> getMandatoryAttributeNames() { return Set.of(); }
    @Override public int getOpVersion() { return OPSET; }
    /** Null: the default ONNX domain, left unset on each node. */
    @Override public String getOpDomain() { return null; }

    @Override
    public OnnxMl.OperatorSetIdProto opsetProto() {
        return OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET).build();
    }
}
