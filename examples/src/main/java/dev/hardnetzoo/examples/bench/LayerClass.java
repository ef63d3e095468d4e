package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes.NodeTime;
import java.util.List;
import java.util.Locale;

/**
 * The class of a layer both engines can be compared on: convolutions by kernel, depthwise or
 * grouped, stride and output size ({@code conv 3x3 depthwise s2 -> 56x56}), everything else by
 * kind (pool, concat, linear, layout, ...). Engines may run different layers (we fold BatchNorms
 * into readers and pool before a transition's 1x1 conv; ONNX Runtime adds layout conversions),
 * so a class can have layers in one engine only.
 */
public final class LayerClass {
    private LayerClass() {}

    /** One of our steps. */
    public static String of(LayerTime t) {
        Shape out = t.node().shape();
        return switch (t.node().op()) {
            case Op.Conv2d c -> conv(c.kernelH(), c.kernelW(), c.isDepthwise(t.input().c()), c.groups() > 1,
                    c.strideH(), out.h(), out.w());
            case Op.ConvTranspose2d c -> convTranspose(c.kernelH(), c.kernelW(), out.h(), out.w());
            case Op.MaxPool p -> "pool";
            case Op.AvgPool p -> "pool";
            case Op.GlobalAvgPool p -> "pool";
            case Op.Concat c -> "concat";
            case Op.ConcatAxis c -> "concat";
            case Op.Linear l -> "linear";
            case Op.BatchNorm b -> "batchnorm";
            default -> t.node().op().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }

    /** One of ONNX Runtime's nodes. */
    public static String of(NodeTime n) {
        if (isOrtConv(n)) return ortConv(n.inputs(), n.output());
        return switch (n.op()) {
            case "ConvTranspose" -> n.inputs().size() > 1 && n.inputs().get(1).length == 4 && n.output().length == 4
                    ? convTranspose((int) n.inputs().get(1)[2], (int) n.inputs().get(1)[3], (int) n.output()[2], (int) n.output()[3])
                    : "conv transpose";
            case "MaxPool", "AveragePool", "GlobalAveragePool", "NchwcMaxPool", "NchwcAveragePool", "NchwcGlobalAveragePool" -> "pool";
            case "Concat" -> "concat";
            case "Gemm", "MatMul", "FusedGemm", "FusedMatMul" -> "linear";
            case "BatchNormalization" -> "batchnorm";
            case "ReorderInput", "ReorderOutput" -> "layout";
            default -> n.op().toLowerCase(Locale.ROOT);
        };
    }

    /** Multiply-adds of one of our steps: convolutions only (0 for other layers). */
    public static long macs(LayerTime t) {
        if (!(t.node().op() instanceof Op.Conv2d c)) return 0;
        Shape out = t.node().shape();
        return (long) out.n() * out.c() * (t.input().c() / c.groups()) * c.kernelH() * c.kernelW() * out.h() * out.w();
    }

    /**
     * Multiply-adds of one of ONNX Runtime's convolution nodes (0 for other nodes, transposed
     * convolutions too, as for ours): weight [O, C / groups, kH, kW].
     */
    public static long macs(NodeTime n) {
        if (!isOrtConv(n) || n.inputs().size() < 2 || n.inputs().get(1).length != 4 || n.output().length != 4) return 0;
        long[] w = n.inputs().get(1);
        long[] out = n.output();
        return out[0] * w[0] * w[1] * w[2] * w[3] * out[2] * out[3];
    }

    /** Whether the node is one of ONNX Runtime's (non-transposed) convolutions. */
    private static boolean isOrtConv(NodeTime n) {
        return switch (n.op()) {
            case "Conv", "FusedConv", "NchwcConv" -> true;
            default -> false;
        };
    }

    /** Input [N, C, H, W], weight [O, C / groups, kH, kW], output [N, O, oH, oW]. */
    private static String ortConv(List<long[]> inputs, long[] out) {
        if (inputs.size() < 2 || inputs.get(0).length != 4 || inputs.get(1).length != 4 || out.length != 4) return "conv";
        long[] x = inputs.get(0);
        long[] w = inputs.get(1);
        long groups = w[1] == 0 ? 1 : x[1] / w[1];
        boolean depthwise = groups > 1 && groups == x[1] && w[0] == x[1];
        int stride = (int) Math.max(1, Math.round((double) x[2] / out[2]));
        return conv((int) w[2], (int) w[3], depthwise, groups > 1, stride, (int) out[2], (int) out[3]);
    }

    private static String convTranspose(int kh, int kw, int outH, int outW) {
        return "conv transpose " + kh + "x" + kw + " -> " + outH + "x" + outW;
    }

    private static String conv(int kh, int kw, boolean depthwise, boolean grouped, int stride, int outH, int outW) {
        return "conv " + kh + "x" + kw + (depthwise ? " depthwise" : grouped ? " grouped" : "")
                + (stride > 1 ? " s" + stride : "") + " -> " + outH + "x" + outW;
    }
}
