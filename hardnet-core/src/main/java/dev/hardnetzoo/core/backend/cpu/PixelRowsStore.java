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
 * its scalar loop. Without {@link VectorGemm#MASKED_GATHER_SCATTER} it stores lane by lane too.
 * Only used when {@link VectorSupport#AVAILABLE}.
 */
final class PixelRowsStore {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    /**
     * Offset of pixel i's first channel in the results, in whole vectors; 0 past the last pixel, as
     * a masked gather still checks every lane's index.
     */
    private final int[] pixelOffsets;
    private final int width;

    /** For results of {@code pixels} per call, {@code width} channels per pixel. */
    PixelRowsStore(int pixels, int width) {
        this.width = width;
        this.pixelOffsets = new int[(pixels + L - 1) / L * L];
        for (int i = 0; i < pixels; i++) pixelOffsets[i] = i * width;
    }

    /**
     * Channel c of pixel i, from {@code r[at + i * width + c]} (width as constructed), to
     * {@code a[o + c * plane + i]}, clamped to [lo, hi], for c &lt; rows and i &lt; count: one
     * gather and store per channel and vector of pixels, or value by value.
     */
    void store(float[] r, int at, int count, int rows, float[] a, int o, int plane, float lo, float hi) {
        if (!VectorGemm.MASKED_GATHER_SCATTER) {
            for (int c = 0, to = o; c < rows; c++, to += plane) {
                for (int i = 0; i < count; i++) a[to + i] = Math.min(Math.max(r[at + i * width + c], lo), hi);
            }
            return;
        }
        for (int p = 0; p < count; p += L) {
            VectorMask<Float> m = S.indexInRange(p, count);
            for (int c = 0, to = o + p; c < rows; c++, to += plane) {
                FloatVector.fromArray(S, r, at + c, pixelOffsets, p, m).max(lo).min(hi).intoArray(a, to, m);
            }
        }
    }
}
