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

    /** s[at + x] = max(a[r0 + x], a[r1 + x], a[r2 + x]) for x &lt; n; NaN wins, as with {@link Math#max}. */
    static void columnMax3(float[] a, int r0, int r1, int r2, float[] s, int at, int n) {
        int x = 0;
        for (int end = n - S.length(); x <= end; x += S.length()) {
            FloatVector u = FloatVector.fromArray(S, a, r0 + x);
            FloatVector v = FloatVector.fromArray(S, a, r1 + x);
            FloatVector w = FloatVector.fromArray(S, a, r2 + x);
            u.max(v).max(w).intoArray(s, at + x);
        }
        for (; x < n; x++) s[at + x] = Math.max(Math.max(a[r0 + x], a[r1 + x]), a[r2 + x]);
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

    /**
     * A 2x2 stride-2 pool of one output row from input rows r0 and r1: d[o + x] = the max of
     * a[r0 + 2x], a[r0 + 2x + 1], a[r1 + 2x], a[r1 + 2x + 1] for x &lt; n, or with {@code max}
     * false their mean, summed as the general path sums (rows first, then the two columns) and
     * divided by 4 (multiplying by 0.25 is exact). A vector of outputs at a time, the even/odd
     * shuffles pairing the columns; the tail one value at a time.
     */
    static void pairs(float[] a, int r0, int r1, float[] d, int o, int n, boolean max) {
        int L = S.length();
        int x = 0;
        for (int end = n - L; x <= end; x += L) {
            FloatVector c0 = FloatVector.fromArray(S, a, r0 + 2 * x);
            FloatVector c1 = FloatVector.fromArray(S, a, r0 + 2 * x + L);
            FloatVector b0 = FloatVector.fromArray(S, a, r1 + 2 * x);
            FloatVector b1 = FloatVector.fromArray(S, a, r1 + 2 * x + L);
            c0 = max ? c0.max(b0) : c0.add(b0);
            c1 = max ? c1.max(b1) : c1.add(b1);
            FloatVector even = c0.rearrange(VectorStrided.EVEN, c1);
            FloatVector odd = c0.rearrange(VectorStrided.ODD, c1);
            (max ? even.max(odd) : even.add(odd).mul(0.25f)).intoArray(d, o + x);
        }
        for (; x < n; x++) { // the tail one by one, in the same order: masked accesses are slow on AVX2
            int i0 = r0 + 2 * x;
            int i1 = r1 + 2 * x;
            d[o + x] = max ? Math.max(Math.max(a[i0], a[i1]), Math.max(a[i0 + 1], a[i1 + 1]))
                    : ((a[i0] + a[i1]) + (a[i0 + 1] + a[i1 + 1])) * 0.25f;
        }
    }

    /**
     * d[o + x] = max(c[2x], c[2x + 1], c[2x + 2]) for x &lt; n: 3-wide windows at stride 2 over
     * column maxima c (the stem's 3x3 / 2 max pool, c[0] being the left padding), a vector of
     * outputs at a time from even/odd shuffles of c and of c two further on. c must hold 2n + 2L
     * + 2 values, those past the row -infinity.
     */
    static void stride2Windows3(float[] c, float[] d, int o, int n) {
        int L = S.length();
        int x = 0;
        for (int end = n - L; x <= end; x += L) {
            FloatVector v0 = FloatVector.fromArray(S, c, 2 * x);
            FloatVector v1 = FloatVector.fromArray(S, c, 2 * x + L);
            FloatVector w0 = FloatVector.fromArray(S, c, 2 * x + 2);
            FloatVector w1 = FloatVector.fromArray(S, c, 2 * x + 2 + L);
            FloatVector left = v0.rearrange(VectorStrided.EVEN, v1);
            FloatVector middle = v0.rearrange(VectorStrided.ODD, v1);
            FloatVector right = w0.rearrange(VectorStrided.EVEN, w1);
            left.max(middle).max(right).intoArray(d, o + x);
        }
        for (; x < n; x++) d[o + x] = Math.max(Math.max(c[2 * x], c[2 * x + 1]), c[2 * x + 2]); // the tail, unmasked
    }
}
