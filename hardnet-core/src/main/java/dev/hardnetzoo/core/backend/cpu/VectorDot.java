package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products on the Vector API for fully connected layers, which stream their weights: up to
 * {@link #ROWS} input rows against one weight row at a time, so a batch reads the weights once per
 * {@link #ROWS} items instead of once per item. Every row is summed in the same order whichever
 * call computes it (two vector accumulators, then their lanes in a fixed order, then the tail), so
 * an item's outputs do not depend on the batch it came in. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorDot {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    /** Input rows per pass over a weight row: 4 x 2 accumulators, a weight vector and an input vector fit AVX2's 16 registers. */
    static final int ROWS = 4;

    private VectorDot() {}

    /** The sum over i &lt; n of a[aOff + i] * b[bOff + i]. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int l = S.length();
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + l).fma(FloatVector.fromArray(S, b, bOff + i + l), s1);
        }
        if (i + l <= n) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            i += l;
        }
        return finish(s0, s1, a, aOff, b, bOff, i, n);
    }

    /**
     * {@link #dot} of the four rows at {@code a[x0]}, {@code a[x1]}, {@code a[x2]}, {@code a[x3]}
     * against {@code b[bOff..bOff+n)}, into {@code sums[0..3]}: each weight vector is loaded once for the four.
     */
    static void dot4(float[] a, int x0, int x1, int x2, int x3, float[] b, int bOff, int n, float[] sums) {
        int l = S.length();
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s20 = FloatVector.zero(S), s21 = FloatVector.zero(S);
        FloatVector s30 = FloatVector.zero(S), s31 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            FloatVector w0 = FloatVector.fromArray(S, b, bOff + i);
            s00 = FloatVector.fromArray(S, a, x0 + i).fma(w0, s00);
            s10 = FloatVector.fromArray(S, a, x1 + i).fma(w0, s10);
            s20 = FloatVector.fromArray(S, a, x2 + i).fma(w0, s20);
            s30 = FloatVector.fromArray(S, a, x3 + i).fma(w0, s30);
            FloatVector w1 = FloatVector.fromArray(S, b, bOff + i + l);
            s01 = FloatVector.fromArray(S, a, x0 + i + l).fma(w1, s01);
            s11 = FloatVector.fromArray(S, a, x1 + i + l).fma(w1, s11);
            s21 = FloatVector.fromArray(S, a, x2 + i + l).fma(w1, s21);
            s31 = FloatVector.fromArray(S, a, x3 + i + l).fma(w1, s31);
        }
        if (i + l <= n) {
            FloatVector w0 = FloatVector.fromArray(S, b, bOff + i);
            s00 = FloatVector.fromArray(S, a, x0 + i).fma(w0, s00);
            s10 = FloatVector.fromArray(S, a, x1 + i).fma(w0, s10);
            s20 = FloatVector.fromArray(S, a, x2 + i).fma(w0, s20);
            s30 = FloatVector.fromArray(S, a, x3 + i).fma(w0, s30);
            i += l;
        }
        sums[0] = finish(s00, s01, a, x0, b, bOff, i, n);
        sums[1] = finish(s10, s11, a, x1, b, bOff, i, n);
        sums[2] = finish(s20, s21, a, x2, b, bOff, i, n);
        sums[3] = finish(s30, s31, a, x3, b, bOff, i, n);
    }

    /** The two accumulators' lanes, then the scalar tail [i, n). */
    private static float finish(FloatVector s0, FloatVector s1, float[] a, int aOff, float[] b, int bOff, int i, int n) {
        // Lanes summed in a fixed order, not with reduceLanes(ADD): its order is unspecified and differs
        // between the interpreter and C2, so the same input would give outputs a few ULPs apart from run to run.
        FloatVector total = s0.add(s1);
        float sum = 0;
        for (int lane = 0; lane < S.length(); lane++) sum += total.lane(lane);
        for (; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return sum;
    }
}
