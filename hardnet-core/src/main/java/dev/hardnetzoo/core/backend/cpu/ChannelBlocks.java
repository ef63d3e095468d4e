package dev.hardnetzoo.core.backend.cpu;

import java.util.Arrays;

/**
 * A pointwise conv's weights and biases in blocks of output channels, for the kernels vectorised
 * across output channels ({@link SmallPlanePointwiseConv2dKernel}, {@link SlicedPointwiseConv2dKernel}):
 * weights as [block][k][block channels], biases padded to whole blocks, channels past the last zero.
 */
final class ChannelBlocks {
    final int count;
    /** Channels per block: the weights of consecutive depth steps are this many floats apart. */
    final int width;
    final float[] weights;
    final float[] biases;

    ChannelBlocks(float[] weight, float[] bias, int outC, int inC, int block) {
        this.count = (outC + block - 1) / block;
        this.width = block;
        this.weights = VectorGemmConv2dKernel.pack(weight, 1, outC, inC, count, block);
        this.biases = Arrays.copyOf(bias, count * block);
    }

    /**
     * Computed over useful work when the channels are rounded up to whole blocks and the plane to
     * whole groups of {@code pixels}, against the pixel-vector GEMM's rounding of the plane alone:
     * whether a channel-vector kernel wastes less.
     */
    static boolean wastesLessThanTheGemm(int outC, int block, int plane, int pixels) {
        double channelWaste = (double) roundUp(outC, block) / outC * roundUp(plane, pixels) / plane;
        double pixelWaste = (double) roundUp(plane, VectorGemm.NR) / plane;
        return channelWaste < pixelWaste;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
