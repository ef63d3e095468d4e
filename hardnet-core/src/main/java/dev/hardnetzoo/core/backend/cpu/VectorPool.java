package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pooling's row passes on the Vector API: column maxima (sums) over a window's rows, then
 * sliding-window maxima (sums) a vector of windows at a time, instead of scalar {@link Math#max}
 * chains (whose NaN rules make them slow) and scalar sums.
 * Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorPool {
    private static final VectorSpecies<Float> S = VectorGemm.S;

    private VectorPool() {}

    /**
     * s[x] = max(s[x], a[row + x]) (with {@code max}; else s[x] + a[row + x]) for x &lt; n (C2 does
     * not vectorise Math.max's plain loop here).
     */
    static void columns(float[] a, int row, float[] s, int n, boolean max) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector v = FloatVector.fromArray(S, s, x);
            FloatVector w = FloatVector.fromArray(S, a, row + x);
            (max ? v.max(w) : v.add(w)).intoArray(s, x);
        }
        for (; x < n; x++) s[x] = max ? Math.max(s[x], a[row + x]) : s[x] + a[row + x];
    }

    /**
     * s[to + x] = max (with {@code max}; else the sum, left to right) of s[from + x], ...,
     * s[from + x + k - 1] for x &lt; n; NaN wins the max, as with {@link Math#max}.
     */
    static void windows(float[] s, int from, int to, int n, int k, boolean max) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector m = FloatVector.fromArray(S, s, from + x);
            for (int j = 1; j < k; j++) {
                FloatVector w = FloatVector.fromArray(S, s, from + x + j);
                m = max ? m.max(w) : m.add(w);
            }
            m.intoArray(s, to + x);
        }
        for (; x < n; x++) {
            float m = s[from + x];
            for (int j = 1; j < k; j++) m = max ? Math.max(m, s[from + x + j]) : m + s[from + x + j];
            s[to + x] = m;
        }
    }
}
