package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;

/** The sizes of one convolution (per batch item), checked once at kernel creation. */
record ConvGeometry(int inC, int inH, int inW, int outC, int outH, int outW,
                    int kH, int kW, int strideH, int strideW, int padH, int padW,
                    int dilH, int dilW, int groups) {

    static ConvGeometry of(Op.Conv2d op, Shape in, Shape out) {
        if (in.rank() != 4 || out.rank() != 4) {
            throw new IllegalArgumentException("conv needs NCHW shapes, got " + in + " -> " + out);
        }
        ConvGeometry g = new ConvGeometry(in.c(), in.h(), in.w(), op.outChannels(), out.h(), out.w(),
                op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padH(), op.padW(),
                op.dilationH(), op.dilationW(), op.groups());
        if (op.groups() < 1 || in.c() % op.groups() != 0 || op.outChannels() % op.groups() != 0) {
            throw new IllegalArgumentException("channels " + in.c() + " -> " + op.outChannels()
                    + " not divisible by groups " + op.groups());
        }
        if (out.c() != op.outChannels() || out.h() != g.expectedOut(in.h(), g.kH, g.strideH, g.padH, g.dilH)
                || out.w() != g.expectedOut(in.w(), g.kW, g.strideW, g.padW, g.dilW)) {
            throw new IllegalArgumentException("conv output shape " + out + " does not follow from " + in + " and " + op);
        }
        return g;
    }

    private int expectedOut(int size, int k, int s, int p, int d) {
        return Math.floorDiv(size + 2 * p - d * (k - 1) - 1, s) + 1;
    }

    int inPerGroup() { return inC / groups; }
    int outPerGroup() { return outC / groups; }
    int inPlane() { return inH * inW; }
    int outPlane() { return outH * outW; }

    /** GEMM depth: one weight row per output channel covers (input channel of its group, ky, kx). */
    int depth() { return inPerGroup() * kH * kW; }

    /** 1x1, stride 1, no padding: the input planes already are the GEMM's right-hand matrix. */
    boolean isPointwise() {
        return kH == 1 && kW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }

    /** Each output channel reads exactly one input channel (depthwise, possibly with a multiplier). */
    boolean isChannelwise() {
        return inPerGroup() == 1;
    }

    /** Checks a slice against the shapes this kernel was created for (any batch size). */
    void check(Slice in, Slice out) {
        Shape i = in.shape();
        Shape o = out.shape();
        if (i.rank() != 4 || i.c() != inC || i.h() != inH || i.w() != inW
                || o.rank() != 4 || o.c() != outC || o.h() != outH || o.w() != outW || i.n() != o.n()) {
            throw new IllegalArgumentException("conv slices " + i + " -> " + o + " do not match the kernel's ["
                    + inC + ", " + inH + ", " + inW + "] -> [" + outC + ", " + outH + ", " + outW + "]");
        }
    }
}
