package dev.hardnetzoo.core.graph;

/**
 * The closed set of graph operations. Every model lowers to these; backends implement each.
 * Parameters are referenced by their official PyTorch state_dict names.
 * Spatial ops work on NCHW tensors; {@link Linear} on [N, features].
 */
public sealed interface Op {

    /** The graph input. */
    record Input() implements Op {}

    /**
     * 2-D convolution, weight [outC, inC/groups, kH, kW], optional bias. After the optimisation
     * passes it may carry a folded BatchNorm (applied after the conv) and a fused activation.
     */
    record Conv2d(int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                  int padH, int padW, int dilationH, int dilationW, int groups,
                  String weight, String bias, BatchNormParams foldedBn, Activation activation) implements Op {

        public Conv2d withFoldedBn(BatchNormParams bn) {
            return new Conv2d(outChannels, kernelH, kernelW, strideH, strideW, padH, padW,
                    dilationH, dilationW, groups, weight, bias, bn, activation);
        }

        public Conv2d withActivation(Activation act) {
            return new Conv2d(outChannels, kernelH, kernelW, strideH, strideW, padH, padW,
                    dilationH, dilationW, groups, weight, bias, foldedBn, act);
        }

        /** 1x1, stride 1, no padding: the same affine map of the input channels at every pixel. */
        public boolean isPointwise() {
            return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
        }

        public boolean isDepthwise(int inChannels) {
            return groups > 1 && groups == inChannels && outChannels == inChannels;
        }
    }

    /**
     * Transposed 2-D convolution as {@code nn.ConvTranspose2d} with groups 1 and dilation 1:
     * weight [inC, outC, kH, kW], optional bias. Input pixel (y, x) adds {@code w[.., ky, kx]}
     * into output pixel (y * stride - pad + ky, x * stride - pad + kx); the output is
     * (in - 1) * stride - 2 * pad + kernel + outputPad wide.
     */
    record ConvTranspose2d(int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                           int padH, int padW, int outputPadH, int outputPadW,
                           String weight, String bias) implements Op {}

    /** Inference BatchNorm on its own (e.g. DenseNet's pre-activation), with a fused activation. */
    record BatchNorm(BatchNormParams params, Activation activation) implements Op {}

    /** A stand-alone activation; the fusion pass folds it into its producer where it can. */
    record Act(Activation activation) implements Op {}

    /** Max pooling; padding counts as -infinity. PyTorch's output-size rule for ceil mode. */
    record MaxPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                   boolean ceilMode) implements Op {}

    /** Average pooling, PyTorch semantics for padding, ceil mode and count_include_pad. */
    record AvgPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                   boolean ceilMode, boolean countIncludePad) implements Op {}

    /** Mean over H and W: NCHW to [N, C, 1, 1]. */
    record GlobalAvgPool() implements Op {}

    /** Spatial crop {@code x[:, :, top:top + H, left:left + W]}, H x W being the node's output size. */
    record Crop(int top, int left) implements Op {}

    /** Concatenation along channels, inputs in order. */
    record Concat() implements Op {}

    /** Element-wise sum of two tensors of one shape, with a fused activation. */
    record Add(Activation activation) implements Op {}

    /**
     * Bilinear resize to outH x outW. With {@code alignCorners} false, a non-zero scale
     * (as given to PyTorch's scale_factor) sets the source mapping as PyTorch does.
     */
    record Resize(int outH, int outW, boolean alignCorners, double scaleH, double scaleW) implements Op {}

    /**
     * Nearest-neighbour resize to outH x outW as PyTorch's {@code mode="nearest"} (source index
     * floor(dst * scale)); a non-zero scale (as given to scale_factor) sets that mapping, as in
     * PyTorch. HRNet's classifiers upsample this way ({@code nn.Upsample(scale_factor=2^k)}).
     */
    record ResizeNearest(int outH, int outW, double scaleH, double scaleW) implements Op {}

    /** Fully connected: [N, in] x weight[out, in]^T + bias. */
    record Linear(int outFeatures, String weight, String bias) implements Op {}

    /** Softmax along {@code axis} (1 = channels). */
    record Softmax(int axis) implements Op {}

    /** [N, C, H, W] to [N, C*H*W]. */
    record Flatten() implements Op {}

    /**
     * SSD's L2Norm: each position's channel vector divided by its L2 norm plus {@code eps}
     * (added after the square root, as the reference does), times a learned per-channel weight.
     */
    record L2Norm(String weight, float eps) implements Op {}

    /**
     * NCHW to channels-last rows: [N, C, H, W] becomes [N, H*W*C / rowLength, rowLength] in NHWC
     * order, i.e. {@code x.permute(0, 2, 3, 1).contiguous().view(N, -1, rowLength)}
     * (SSD's heads: one row of box offsets or class scores per prior).
     */
    record ChannelsLast(int rowLength) implements Op {}

    /** Concatenation of dense tensors of one rank along {@code axis} (1 or more), inputs in order. */
    record ConcatAxis(int axis) implements Op {}
}
