package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;

/**
 * A 2-D convolution (PyTorch semantics, float32 NCHW) with bias and activation fused, its weights
 * packed once at creation. {@link #create} picks the fastest applicable strategy: a direct
 * kernel for channel-wise (depthwise) convs, else a GEMM over the input planes (pointwise) or
 * over bounded im2col tiles, on the Vector API when {@link VectorSupport#AVAILABLE}, where most
 * dense stride-1 3x3 convs use Winograd or a direct kernel vectorised across output channels
 * ({@link Conv3x3Choice}) and 1x1 convs on small planes vectorise across output channels too.
 */
public abstract sealed class Conv2dKernel
        permits ChannelwiseConv2dKernel, Direct3x3Conv2dKernel, GemmConv2dKernel, SlicedPointwiseConv2dKernel, SmallPlanePointwiseConv2dKernel, VectorGemmConv2dKernel,
        WinogradConv2dKernel {

    final ConvGeometry geom;
    final float[] bias; // never null: zeros when the conv has none
    final Activation activation;

    Conv2dKernel(ConvGeometry geom, float[] bias, Activation activation) {
        this.geom = geom;
        this.bias = bias;
        this.activation = activation;
    }

    /**
     * @param weight PyTorch layout [outC, inC/groups, kH, kW], BatchNorm already folded in
     * @param bias   [outC] or null
     */
    public static Conv2dKernel create(Op.Conv2d op, Shape in, Shape out, float[] weight, float[] bias) {
        return create(op, in, out, weight, bias, VectorSupport.AVAILABLE);
    }

    /** As {@link #create(Op.Conv2d, Shape, Shape, float[], float[])}, choosing the vector kernels or not. */
    static Conv2dKernel create(Op.Conv2d op, Shape in, Shape out, float[] weight, float[] bias, boolean vector) {
        ConvGeometry g = ConvGeometry.of(op, in, out);
        long expected = (long) g.outC() * g.depth();
        if (weight.length != expected) {
            throw new IllegalArgumentException("conv weight has " + weight.length + " values, expected " + expected);
        }
        if (bias != null && bias.length != g.outC()) {
            throw new IllegalArgumentException("conv bias has " + bias.length + " values, expected " + g.outC());
        }
        float[] b = bias == null ? new float[g.outC()] : bias.clone();
        Activation act = op.activation() == null ? Activation.NONE : op.activation();
        if (g.isChannelwise()) return new ChannelwiseConv2dKernel(g, weight.clone(), b, act, vector);
        if (!vector) return new GemmConv2dKernel(g, weight, b, act);
        if (SlicedPointwiseConv2dKernel.handles(g)) return new SlicedPointwiseConv2dKernel(g, weight, b, act);
        if (SmallPlanePointwiseConv2dKernel.handles(g)) return new SmallPlanePointwiseConv2dKernel(g, weight, b, act);
        if (!Direct3x3Conv2dKernel.handles(g)) return new VectorGemmConv2dKernel(g, weight, b, act);
        return switch (Conv3x3Choice.choose(g)) {
            case WINOGRAD_F4 -> new WinogradConv2dKernel(g, weight, b, act, new WinogradF4());
            case WINOGRAD_F2 -> new WinogradConv2dKernel(g, weight, b, act, new WinogradF2());
            case DIRECT -> new Direct3x3Conv2dKernel(g, weight, b, act);
            case GEMM -> new VectorGemmConv2dKernel(g, weight, b, act);
        };
    }

    /** Convolves {@code in} into {@code out}; both may be channel slices of larger buffers, must not overlap. */
    public final void run(float[] arena, Slice in, Slice out, Parallel par) {
        geom.check(in, out);
        compute(arena, in, out, par);
    }

    /**
     * This kernel applying {@code affine} to each input channel as it reads it, or null when it
     * cannot (the caller then runs the affine as a step of its own).
     */
    Conv2dKernel withInputAffine(InputAffine affine) {
        return null;
    }

    /** Refuses an input affine that does not have one scale per input channel. */
    final void requireInputChannels(InputAffine affine) {
        if (affine.scale().length != geom.inC()) {
            throw new IllegalArgumentException("input affine of " + affine.scale().length + " channels for a conv of "
                    + geom.inC() + " input channels");
        }
    }

    /** The strategy and kernel size, e.g. "conv 3x3 s1 winograd", for profiles. */
    String describe() {
        String name = getClass().getSimpleName().replace("Conv2dKernel", "").toLowerCase(java.util.Locale.ROOT);
        return "conv " + geom.kH() + "x" + geom.kW() + " s" + geom.strideH() + " " + name;
    }

    abstract void compute(float[] arena, Slice in, Slice out, Parallel par);
}
