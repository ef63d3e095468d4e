package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Strided access on the Vector API: a stride-2 conv's im2col rows read every other input column,
 * which scalar code copies one float at a time, and the Winograd input transforms read every m-th
 * column (the even/odd shuffles, applied once or twice). Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorGather {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Lane i takes lane 2i of the pair (v0, v1): the even elements of 2L consecutive floats. */
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    /** Lane i takes lane 2i + 1 of the pair (v0, v1): the odd elements. */
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    private VectorGather() {}

    /** dst[d + i] = a[src + 2 i] for i &lt; n. */
    static void everyOther(float[] a, int src, float[] dst, int d, int n) {
        int i = 0;
        // Full vectors while the pair of loads stays inside a (the last one reads a float past the last taken).
        for (int end = Math.min(n - L, (a.length - src) / 2 - L); i <= end; i += L) {
            FloatVector v0 = FloatVector.fromArray(S, a, src + 2 * i);
            FloatVector v1 = FloatVector.fromArray(S, a, src + 2 * i + L);
            v0.rearrange(EVEN, v1).intoArray(dst, d + i);
        }
        for (; i < n; i++) dst[d + i] = a[src + 2 * i];
    }
}
