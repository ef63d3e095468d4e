package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel on the JDK Vector API: C[MR][NR] (+)= W[MR][k] * B[k][NR]
 * with all MR * NV accumulators in vector registers over the whole depth, so each k step costs
 * NV B loads and MR weight broadcasts for MR * NV fused multiply-adds. Only loaded when
 * {@link VectorSupport#AVAILABLE}: with {@link VectorConvKernels}, the only code that touches
 * jdk.incubator.vector.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Output channels per micro-kernel call; packed weights come in blocks of this many rows. */
    static final int MR = 8;
    /** Vectors per row of a micro-kernel block. */
    static final int NV = 2;
    /** Output pixels per micro-kernel call. */
    static final int NR = NV * L;

    private VectorGemm() {}

    /**
     * One MR x NR block of C at {@code c[cOff + r * ldc + p]}, r &lt; MR, p &lt; NR.
     *
     * @param w     packed weights: {@code w[wOff + k * MR + r]} is row r's weight at depth k
     * @param b     B rows: {@code b[bOff + k * ldb + p]}
     * @param rows  how many of the MR rows exist (the rest are computed on zero weights, never stored)
     * @param first start from the bias (else from what C holds: a partial sum over earlier depth)
     * @param last  apply the activation before storing
     */
    static void block(float[] w, int wOff, int kLen, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, int rows, boolean first, float[] bias, int biasOff,
                      boolean last, Activation act) {
        FloatVector c00 = start(c, cOff + 0 * ldc, 0 < rows, first, bias, biasOff + 0);
        FloatVector c01 = start(c, cOff + 0 * ldc + L, 0 < rows, first, bias, biasOff + 0);
        FloatVector c10 = start(c, cOff + 1 * ldc, 1 < rows, first, bias, biasOff + 1);
        FloatVector c11 = start(c, cOff + 1 * ldc + L, 1 < rows, first, bias, biasOff + 1);
        FloatVector c20 = start(c, cOff + 2 * ldc, 2 < rows, first, bias, biasOff + 2);
        FloatVector c21 = start(c, cOff + 2 * ldc + L, 2 < rows, first, bias, biasOff + 2);
        FloatVector c30 = start(c, cOff + 3 * ldc, 3 < rows, first, bias, biasOff + 3);
        FloatVector c31 = start(c, cOff + 3 * ldc + L, 3 < rows, first, bias, biasOff + 3);
        FloatVector c40 = start(c, cOff + 4 * ldc, 4 < rows, first, bias, biasOff + 4);
        FloatVector c41 = start(c, cOff + 4 * ldc + L, 4 < rows, first, bias, biasOff + 4);
        FloatVector c50 = start(c, cOff + 5 * ldc, 5 < rows, first, bias, biasOff + 5);
        FloatVector c51 = start(c, cOff + 5 * ldc + L, 5 < rows, first, bias, biasOff + 5);
        FloatVector c60 = start(c, cOff + 6 * ldc, 6 < rows, first, bias, biasOff + 6);
        FloatVector c61 = start(c, cOff + 6 * ldc + L, 6 < rows, first, bias, biasOff + 6);
        FloatVector c70 = start(c, cOff + 7 * ldc, 7 < rows, first, bias, biasOff + 7);
        FloatVector c71 = start(c, cOff + 7 * ldc + L, 7 < rows, first, bias, biasOff + 7);
        for (int k = 0; k < kLen; k++) {
            int bi = bOff + k * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            int wi = wOff + k * MR;
            FloatVector w0 = FloatVector.broadcast(S, w[wi + 0]);
            c00 = w0.fma(b0, c00);
            c01 = w0.fma(b1, c01);
            FloatVector w1 = FloatVector.broadcast(S, w[wi + 1]);
            c10 = w1.fma(b0, c10);
            c11 = w1.fma(b1, c11);
            FloatVector w2 = FloatVector.broadcast(S, w[wi + 2]);
            c20 = w2.fma(b0, c20);
            c21 = w2.fma(b1, c21);
            FloatVector w3 = FloatVector.broadcast(S, w[wi + 3]);
            c30 = w3.fma(b0, c30);
            c31 = w3.fma(b1, c31);
            FloatVector w4 = FloatVector.broadcast(S, w[wi + 4]);
            c40 = w4.fma(b0, c40);
            c41 = w4.fma(b1, c41);
            FloatVector w5 = FloatVector.broadcast(S, w[wi + 5]);
            c50 = w5.fma(b0, c50);
            c51 = w5.fma(b1, c51);
            FloatVector w6 = FloatVector.broadcast(S, w[wi + 6]);
            c60 = w6.fma(b0, c60);
            c61 = w6.fma(b1, c61);
            FloatVector w7 = FloatVector.broadcast(S, w[wi + 7]);
            c70 = w7.fma(b0, c70);
            c71 = w7.fma(b1, c71);
        }
        if (0 < rows) {
            finish(c00, c, cOff + 0 * ldc, last, act);
            finish(c01, c, cOff + 0 * ldc + L, last, act);
        }
        if (1 < rows) {
            finish(c10, c, cOff + 1 * ldc, last, act);
            finish(c11, c, cOff + 1 * ldc + L, last, act);
        }
        if (2 < rows) {
            finish(c20, c, cOff + 2 * ldc, last, act);
            finish(c21, c, cOff + 2 * ldc + L, last, act);
        }
        if (3 < rows) {
            finish(c30, c, cOff + 3 * ldc, last, act);
            finish(c31, c, cOff + 3 * ldc + L, last, act);
        }
        if (4 < rows) {
            finish(c40, c, cOff + 4 * ldc, last, act);
            finish(c41, c, cOff + 4 * ldc + L, last, act);
        }
        if (5 < rows) {
            finish(c50, c, cOff + 5 * ldc, last, act);
            finish(c51, c, cOff + 5 * ldc + L, last, act);
        }
        if (6 < rows) {
            finish(c60, c, cOff + 6 * ldc, last, act);
            finish(c61, c, cOff + 6 * ldc + L, last, act);
        }
        if (7 < rows) {
            finish(c70, c, cOff + 7 * ldc, last, act);
            finish(c71, c, cOff + 7 * ldc + L, last, act);
        }
    }

    private static FloatVector start(float[] c, int off, boolean exists, boolean first, float[] bias, int biasIndex) {
        if (!exists) return FloatVector.zero(S);
        return first ? FloatVector.broadcast(S, bias[biasIndex]) : FloatVector.fromArray(S, c, off);
    }

    private static void finish(FloatVector v, float[] c, int off, boolean last, Activation act) {
        (last ? activate(v, act) : v).intoArray(c, off);
    }

    static FloatVector activate(FloatVector v, Activation act) {
        return switch (act) {
            case NONE -> v;
            case RELU -> v.max(0f);
            case RELU6 -> v.max(0f).min(6f);
        };
    }
}
