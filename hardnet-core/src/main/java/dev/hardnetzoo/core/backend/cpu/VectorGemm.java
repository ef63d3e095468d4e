package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel on the JDK Vector API: C[MR][NR] (+)= W[MR][k] * B[k][NR]
 * with all MR * NV accumulators in vector registers over the whole depth, so each k step costs
 * NV B loads and MR weight broadcasts for MR * NV fused multiply-adds. Only loaded when
 * {@link VectorSupport#AVAILABLE}: with {@link VectorGemmConv2dKernel} and {@link WinogradConv2dKernel},
 * the only code that touches jdk.incubator.vector.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = species();
    /** Lanes per vector. */
    static final int L = S.length();
    /**
     * Vector registers the micro-kernels size their accumulator blocks for: 32 with AVX-512 (and on
     * AArch64), 16 with AVX2. A block that needs more spills accumulators to the stack on every
     * step: on a 2-core AMD EPYC (Zen 3, AVX2) the 24-accumulator kernels ran at a fifth of the
     * core's peak.
     */
    static final int REGISTERS = L >= 16 || "aarch64".equals(System.getProperty("os.arch")) ? 32 : 16;
    /**
     * Whether masked gathers and scatters are single instructions: with 512-bit vectors (AVX-512's
     * mask registers). Elsewhere (AVX2, NEON) the Vector API runs them lane by lane in Java objects,
     * and on a 2-core Zen 3 DenseNet-121 sometimes ran at 70-130 ms instead of 42-46 (peak heap
     * 1.9 GiB) when escape analysis did not remove them; kernels store lane by lane there instead.
     */
    static final boolean MASKED_GATHER_SCATTER = L >= 16;
    /**
     * Output channels per micro-kernel call; packed weights come in blocks of this many rows. 8 rows
     * by 2 vectors is 16 accumulators, 2 B vectors and a weight; with 16 registers, 6 rows (12).
     */
    static final int MR = REGISTERS >= 32 ? 8 : 6;
    /** Vectors per row of a micro-kernel block. */
    static final int NV = 2;
    /** Output pixels per micro-kernel call. */
    static final int NR = NV * L;

    private VectorGemm() {}

    /**
     * Read instead of C when a block starts from the bias (row stride 0): C is often cold memory
     * about to be overwritten, and reading it cost conv1x1:24:48:112 (HarDNet-39DS, 24 deep) a
     * sixth of its rate (45 against 54 GFLOP/s per CPU-second on a Zen 3 core, alternating).
     */
    private static final float[] ZEROS = new float[NR];

    /**
     * The machine's widest float vector, or the width {@link VectorSupport#requestedBits()} asks for:
     * narrower, or wider than the machine's, which the Vector API then emulates in plain Java (see
     * {@link VectorSupport#emulated()}).
     */
    private static VectorSpecies<Float> species() {
        int bits = VectorSupport.requestedBits();
        if (bits == 0) return FloatVector.SPECIES_PREFERRED;
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /**
     * One MR x NR block of C at {@code c[cOff + r * ldc + p]}, r &lt; MR, p &lt; NR.
     * Everything is written out in this method, with no helper of ours: C2 keeps vectors in
     * registers only through code it inlines, and it may refuse to inline an already compiled helper.
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
        // Branch-free start, from C or the bias by a mask: a vector merged from two paths (a phi) made
        // C2 compile the block to half its rate once calls had taken both (Winograd's depth slices).
        // Rows past `rows` repeat the last row's start; they are never stored.
        VectorMask<Float> fromBias = S.maskAll(first);
        float[] start = first ? ZEROS : c; // the array and offsets may differ by path; the vectors may not
        int startOff = first ? 0 : cOff;
        int startLd = first ? 0 : ldc;
        int r0 = Math.min(0, rows - 1);
        FloatVector c00 = FloatVector.fromArray(S, start, startOff + r0 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r0]), fromBias);
        FloatVector c01 = FloatVector.fromArray(S, start, startOff + r0 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r0]), fromBias);
        int r1 = Math.min(1, rows - 1);
        FloatVector c10 = FloatVector.fromArray(S, start, startOff + r1 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r1]), fromBias);
        FloatVector c11 = FloatVector.fromArray(S, start, startOff + r1 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r1]), fromBias);
        int r2 = Math.min(2, rows - 1);
        FloatVector c20 = FloatVector.fromArray(S, start, startOff + r2 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r2]), fromBias);
        FloatVector c21 = FloatVector.fromArray(S, start, startOff + r2 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r2]), fromBias);
        int r3 = Math.min(3, rows - 1);
        FloatVector c30 = FloatVector.fromArray(S, start, startOff + r3 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r3]), fromBias);
        FloatVector c31 = FloatVector.fromArray(S, start, startOff + r3 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r3]), fromBias);
        int r4 = Math.min(4, rows - 1);
        FloatVector c40 = FloatVector.fromArray(S, start, startOff + r4 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r4]), fromBias);
        FloatVector c41 = FloatVector.fromArray(S, start, startOff + r4 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r4]), fromBias);
        int r5 = Math.min(5, rows - 1);
        FloatVector c50 = FloatVector.fromArray(S, start, startOff + r5 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r5]), fromBias);
        FloatVector c51 = FloatVector.fromArray(S, start, startOff + r5 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r5]), fromBias);
        int r6 = Math.min(6, rows - 1);
        FloatVector c60 = MR > 6 ? FloatVector.fromArray(S, start, startOff + r6 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r6]), fromBias) : null;
        FloatVector c61 = MR > 6 ? FloatVector.fromArray(S, start, startOff + r6 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r6]), fromBias) : null;
        int r7 = Math.min(7, rows - 1);
        FloatVector c70 = MR > 7 ? FloatVector.fromArray(S, start, startOff + r7 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r7]), fromBias) : null;
        FloatVector c71 = MR > 7 ? FloatVector.fromArray(S, start, startOff + r7 * startLd + L).blend(FloatVector.broadcast(S, bias[biasOff + r7]), fromBias) : null;
        // Two depth steps per iteration, written out: C2 does not unroll a loop this large, and one
        // step per iteration halved the rate on AVX2 (KernelCpuRates on a Zen 3 core, alternating:
        // conv1x1:128:128:56 29 against 56 GFLOP/s, conv3x3:466:168:28 48-69 against 95-114).
        int k = 0;
        for (; k + 1 < kLen; k += 2) {
            {
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
                if (MR > 6) {
                    FloatVector w6 = FloatVector.broadcast(S, w[wi + 6]);
                    c60 = w6.fma(b0, c60);
                    c61 = w6.fma(b1, c61);
                    FloatVector w7 = FloatVector.broadcast(S, w[wi + 7]);
                    c70 = w7.fma(b0, c70);
                    c71 = w7.fma(b1, c71);
                }
            }
            {
                int bi = bOff + (k + 1) * ldb;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                int wi = wOff + (k + 1) * MR;
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
                if (MR > 6) {
                    FloatVector w6 = FloatVector.broadcast(S, w[wi + 6]);
                    c60 = w6.fma(b0, c60);
                    c61 = w6.fma(b1, c61);
                    FloatVector w7 = FloatVector.broadcast(S, w[wi + 7]);
                    c70 = w7.fma(b0, c70);
                    c71 = w7.fma(b1, c71);
                }
            }
        }
        if (k < kLen) {
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
            if (MR > 6) {
                FloatVector w6 = FloatVector.broadcast(S, w[wi + 6]);
                c60 = w6.fma(b0, c60);
                c61 = w6.fma(b1, c61);
                FloatVector w7 = FloatVector.broadcast(S, w[wi + 7]);
                c70 = w7.fma(b0, c70);
                c71 = w7.fma(b1, c71);
            }
        }
        float lo = last ? lowerBound(act) : Float.NEGATIVE_INFINITY;
        float hi = last ? upperBound(act) : Float.POSITIVE_INFINITY;
        if (0 < rows) {
            c00.max(lo).min(hi).intoArray(c, cOff + 0 * ldc);
            c01.max(lo).min(hi).intoArray(c, cOff + 0 * ldc + L);
        }
        if (1 < rows) {
            c10.max(lo).min(hi).intoArray(c, cOff + 1 * ldc);
            c11.max(lo).min(hi).intoArray(c, cOff + 1 * ldc + L);
        }
        if (2 < rows) {
            c20.max(lo).min(hi).intoArray(c, cOff + 2 * ldc);
            c21.max(lo).min(hi).intoArray(c, cOff + 2 * ldc + L);
        }
        if (3 < rows) {
            c30.max(lo).min(hi).intoArray(c, cOff + 3 * ldc);
            c31.max(lo).min(hi).intoArray(c, cOff + 3 * ldc + L);
        }
        if (4 < rows) {
            c40.max(lo).min(hi).intoArray(c, cOff + 4 * ldc);
            c41.max(lo).min(hi).intoArray(c, cOff + 4 * ldc + L);
        }
        if (5 < rows) {
            c50.max(lo).min(hi).intoArray(c, cOff + 5 * ldc);
            c51.max(lo).min(hi).intoArray(c, cOff + 5 * ldc + L);
        }
        if (MR > 6 && 6 < rows) {
            c60.max(lo).min(hi).intoArray(c, cOff + 6 * ldc);
            c61.max(lo).min(hi).intoArray(c, cOff + 6 * ldc + L);
        }
        if (MR > 7 && 7 < rows) {
            c70.max(lo).min(hi).intoArray(c, cOff + 7 * ldc);
            c71.max(lo).min(hi).intoArray(c, cOff + 7 * ldc + L);
        }
    }

    /** As {@link #block} for an MR x L block (one vector per row), for operands narrower than NR. */
    static void narrowBlock(float[] w, int wOff, int kLen, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, int rows, boolean first, float[] bias, int biasOff,
                      boolean last, Activation act) {
        // Branch-free start, as in block.
        VectorMask<Float> fromBias = S.maskAll(first);
        float[] start = first ? ZEROS : c;
        int startOff = first ? 0 : cOff;
        int startLd = first ? 0 : ldc;
        int r0 = Math.min(0, rows - 1);
        FloatVector c0 = FloatVector.fromArray(S, start, startOff + r0 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r0]), fromBias);
        int r1 = Math.min(1, rows - 1);
        FloatVector c1 = FloatVector.fromArray(S, start, startOff + r1 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r1]), fromBias);
        int r2 = Math.min(2, rows - 1);
        FloatVector c2 = FloatVector.fromArray(S, start, startOff + r2 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r2]), fromBias);
        int r3 = Math.min(3, rows - 1);
        FloatVector c3 = FloatVector.fromArray(S, start, startOff + r3 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r3]), fromBias);
        int r4 = Math.min(4, rows - 1);
        FloatVector c4 = FloatVector.fromArray(S, start, startOff + r4 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r4]), fromBias);
        int r5 = Math.min(5, rows - 1);
        FloatVector c5 = FloatVector.fromArray(S, start, startOff + r5 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r5]), fromBias);
        int r6 = Math.min(6, rows - 1);
        FloatVector c6 = MR > 6 ? FloatVector.fromArray(S, start, startOff + r6 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r6]), fromBias) : null;
        int r7 = Math.min(7, rows - 1);
        FloatVector c7 = MR > 7 ? FloatVector.fromArray(S, start, startOff + r7 * startLd).blend(FloatVector.broadcast(S, bias[biasOff + r7]), fromBias) : null;
        for (int k = 0; k < kLen; k++) {
            int bi = bOff + k * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            int wi = wOff + k * MR;
            c0 = FloatVector.broadcast(S, w[wi + 0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, w[wi + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, w[wi + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, w[wi + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, w[wi + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, w[wi + 5]).fma(b0, c5);
            if (MR > 6) {
                c6 = FloatVector.broadcast(S, w[wi + 6]).fma(b0, c6);
                c7 = FloatVector.broadcast(S, w[wi + 7]).fma(b0, c7);
            }
        }
        float lo = last ? lowerBound(act) : Float.NEGATIVE_INFINITY;
        float hi = last ? upperBound(act) : Float.POSITIVE_INFINITY;
        if (0 < rows) {
            c0.max(lo).min(hi).intoArray(c, cOff + 0 * ldc);
        }
        if (1 < rows) {
            c1.max(lo).min(hi).intoArray(c, cOff + 1 * ldc);
        }
        if (2 < rows) {
            c2.max(lo).min(hi).intoArray(c, cOff + 2 * ldc);
        }
        if (3 < rows) {
            c3.max(lo).min(hi).intoArray(c, cOff + 3 * ldc);
        }
        if (4 < rows) {
            c4.max(lo).min(hi).intoArray(c, cOff + 4 * ldc);
        }
        if (5 < rows) {
            c5.max(lo).min(hi).intoArray(c, cOff + 5 * ldc);
        }
        if (MR > 6 && 6 < rows) {
            c6.max(lo).min(hi).intoArray(c, cOff + 6 * ldc);
        }
        if (MR > 7 && 7 < rows) {
            c7.max(lo).min(hi).intoArray(c, cOff + 7 * ldc);
        }
    }

    /** The activation as a clamp: its lower bound... */
    static float lowerBound(Activation act) {
        return act == Activation.NONE ? Float.NEGATIVE_INFINITY : 0f;
    }

    /** ...and its upper bound ({@code v.max(lo).min(hi)} keeps NaN, as the scalar kernels do). */
    static float upperBound(Activation act) {
        return act == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
    }
}
