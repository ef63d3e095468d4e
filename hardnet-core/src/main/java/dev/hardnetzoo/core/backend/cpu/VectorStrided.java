package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every other element of a run, on the Vector API: two contiguous loads and one two-vector
 * rearrange per vector, where a scalar loop pays a load and a store per element. For the
 * im2col tiles of stride-2 convs; the shuffles also split Winograd transform rows into phases. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorStrided {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Lane i takes lane 2i of the pair (v0, v1). */
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    /** Lane i takes lane 2i + 1 of the pair (v0, v1). */
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    private VectorStrided() {}

    /** {@code dst[off + i] = a[src + 2 * i]} for i &lt; n. */
    static void evens(float[] a, int src, float[] dst, int off, int n) {
        int i = 0;
        // Each step reads 2L floats from src + 2i: one past the last even element it needs.
        for (; i + L <= n && src + 2 * i + 2 * L <= a.length; i += L) {
            FloatVector v0 = FloatVector.fromArray(S, a, src + 2 * i);
            FloatVector v1 = FloatVector.fromArray(S, a, src + 2 * i + L);
            v0.rearrange(EVEN, v1).intoArray(dst, off + i);
        }
        for (; i < n; i++) dst[off + i] = a[src + 2 * i];
    }
}
