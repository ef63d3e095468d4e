package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's cost at one input size, computed from shapes alone (no weights, nothing run):
 * parameters (every trainable tensor, BatchNorm scales and shifts included, as PyTorch counts
 * them; so the conv and linear layers' own {@link LayerCost#params} sum to less), MACs over the
 * conv, linear and L2-norm layers, CIO over the convs, and the peak activation memory of the
 * optimised graph's buffer plan. {@link #toString} is a one-line summary; {@link #layers} has
 * the per-layer figures.
 *
 * <p>CIO follows the HarDNet paper: for every convolution (transposed ones included), the
 * elements of its input tensor plus those of its output tensor (a concatenated input counts whole).
 */
public record CostReport(Shape input, long params, long macs, long cio, long peakActivationBytes,
                         long unplannedActivationBytes, List<LayerCost> layers) {

    public static CostReport of(Graph graph) {
        List<LayerCost> layers = new ArrayList<>();
        long macs = 0;
        long cio = 0;
        for (Node node : graph.nodes()) {
            LayerCost cost = layerCost(graph, node);
            if (cost == null) continue;
            layers.add(cost);
            macs += cost.macs();
            if (node.op() instanceof Op.Conv2d || node.op() instanceof Op.ConvTranspose2d) cio += cost.cio();
        }
        MemoryPlan plan = MemoryPlanner.plan(Passes.optimize(graph));
        return new CostReport(graph.inputShape(), graph.parameterCount(), macs, cio,
                plan.peakActivationBytes(), plan.unplannedFloats() * Float.BYTES, List.copyOf(layers));
    }

    /** One line: input, parameters, MACs, CIO, MoC and peak activations, without the per-layer list. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "CostReport[input=%s, params=%,d, macs=%,d, cio=%,d, moc=%.1f, peakActivationBytes=%,d, layers=%d]",
                input, params, macs, cio, moc(), peakActivationBytes, layers.size());
    }

    /** Overall MACs over CIO. */
    public double moc() {
        return cio == 0 ? 0 : (double) macs / cio;
    }

    private static LayerCost layerCost(Graph graph, Node node) {
        Shape out = node.shape();
        return switch (node.op()) {
            case Op.Conv2d c -> {
                Shape in = graph.node(node.inputs().get(0)).shape();
                long params = (long) c.outChannels() * (in.c() / c.groups()) * c.kernelH() * c.kernelW()
                        + (c.bias() != null ? c.outChannels() : 0);
                long macs = out.size() * (in.c() / c.groups()) * c.kernelH() * c.kernelW();
                yield new LayerCost(node.name(), "conv" + c.kernelH() + "x" + c.kernelW()
                        + (c.groups() > 1 ? "/g" + c.groups() : ""), in, out, params, macs, in.size() + out.size());
            }
            case Op.ConvTranspose2d c -> {
                // every input pixel meets every weight once: MACs = N * inC * H * W * outC * kH * kW
                Shape in = graph.node(node.inputs().get(0)).shape();
                long kernel = (long) c.outChannels() * c.kernelH() * c.kernelW();
                long params = in.c() * kernel + (c.bias() != null ? c.outChannels() : 0);
                yield new LayerCost(node.name(), "convT" + c.kernelH() + "x" + c.kernelW(), in, out, params,
                        in.size() * kernel, in.size() + out.size());
            }
            case Op.Linear l -> {
                Shape in = graph.node(node.inputs().get(0)).shape();
                long params = (long) l.outFeatures() * in.c() + (l.bias() != null ? l.outFeatures() : 0);
                yield new LayerCost(node.name(), "linear", in, out, params, (long) in.n() * in.c() * l.outFeatures(),
                        in.size() + out.size());
            }
            case Op.L2Norm l -> new LayerCost(node.name(), "l2norm", out, out, out.c(), 0, 2 * out.size());
            default -> null;
        };
    }
}
