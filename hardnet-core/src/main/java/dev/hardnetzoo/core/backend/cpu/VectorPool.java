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

    /** s[x] = max(s[x], a[row + x]) for x &lt; n (C2 does not vectorise Math.max's plain loop here). */
    static void columnMax(float[] a, int row, float[] s, int n) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector.fromArray(S, s, x).max(FloatVector.fromArray(S, a, row + x)).intoArray(s, x);
        }
        for (; x < n; x++) s[x] = Math.max(s[x], a[row + x]);
    }

    /** s[to + x] = max(s[from + x], ..., s[from + x + k - 1]) for x &lt; n; NaN wins, as with {@link Math#max}. */
    static void windowMax(float[] s, int from, int to, int n, int k) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector m = FloatVector.fromArray(S, s, from + x);
            for (int j = 1; j < k; j++) m = m.max(FloatVector.fromArray(S, s, from + x + j));
            m.intoArray(s, to + x);
        }
        for (; x < n; x++) {
            float m = s[from + x];
            for (int j = 1; j < k; j++) m = Math.max(m, s[from + x + j]);
            s[to + x] = m;
        }
    }

    /** s[x] += a[row + x] for x &lt; n. */
    static void columnSum(float[] a, int row, float[] s, int n) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector.fromArray(S, s, x).add(FloatVector.fromArray(S, a, row + x)).intoArray(s, x);
        }
        for (; x < n; x++) s[x] += a[row + x];
    }

    /** s[to + x] = s[from + x] + ... + s[from + x + k - 1] for x &lt; n, summed left to right. */
    static void windowSum(float[] s, int from, int to, int n, int k) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector m = FloatVector.fromArray(S, s, from + x);
            for (int j = 1; j < k; j++) m = m.add(FloatVector.fromArray(S, s, from + x + j));
            m.intoArray(s, to + x);
        }
        for (; x < n; x++) {
            float m = s[from + x];
            for (int j = 1; j < k; j++) m += s[from + x + j];
            s[to + x] = m;
        }
    }
}
