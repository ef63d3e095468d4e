package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Writes results held per pixel as [pixels][channels] (a kernel vectorised across output
 * channels) into NCHW channel planes: per channel, one gather of its pixels and one contiguous
 * store, instead of a scalar load and store per value. For {@link SlicedPointwiseConv2dKernel}'s
 * 12-pixel groups this made DenseNet's bottlenecks 12-50 % faster ({@code KernelCpuRates}:
 * 992→128 on 14x14 from 120 to 135-147 GFLOP/s, 256→128 on 14x14 from 83 to 124-139); with the
 * 7-pixel groups of {@link SmallPlanePointwiseConv2dKernel} it was no faster, so that kernel keeps
 * its scalar loop. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class PixelRowsStore {
    private static final VectorSpecies<Float> S = VectorGemm.S;

    /** Offset of pixel i's first channel in the results; 0 past the last pixel, as a masked gather still checks every lane's index. */
    private final int[] pixelOffsets = new int[S.length()];

    /** For results of {@code pixels} (at most one vector) per call, {@code width} channels per pixel. */
    PixelRowsStore(int pixels, int width) {
        if (pixels > S.length()) throw new IllegalArgumentException(pixels + " pixels exceed one vector");
        for (int i = 0; i < pixels; i++) pixelOffsets[i] = i * width;
    }

    /**
     * Channel c of pixel i, from {@code r[at + i * width + c]} (width as constructed), to
     * {@code a[o + c * plane + i]}, clamped to [lo, hi], for c &lt; rows and i &lt; count.
     */
    void store(float[] r, int at, int count, int rows, float[] a, int o, int plane, float lo, float hi) {
        VectorMask<Float> m = S.indexInRange(0, count);
        for (int c = 0; c < rows; c++, o += plane) {
            FloatVector.fromArray(S, r, at + c, pixelOffsets, 0, m).max(lo).min(hi).intoArray(a, o, m);
        }
    }
}
