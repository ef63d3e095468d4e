package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The machine's single-core peak as the kernels see it: fused multiply-adds on 12 independent
 * vector accumulators in registers (no loads), in GFLOP per CPU-second, so kernel rates can be
 * put against what the core actually sustains rather than a nominal clock. 12 cover two FMA
 * pipes of 4-5 cycles' latency and, with the two operands, fit AVX2's 16 registers. Each
 * accumulator is the addend, as in the kernels' {@code w.fma(b, acc)}: as a multiplicand
 * ({@code acc.fma(x, y)}) a 2-vCPU Zen 3 sustained 84-85 GFLOP per CPU-second instead of 101-102,
 * and its GEMM (93) seemed to beat the peak.
 */
final class FmaPeak {
    private static final int ACCUMULATORS = 12;
    private static final long STEPS = 40_000_000;
    /** Work of one {@link #run}: 12 vector FMAs of 2 FLOPs per lane per step. */
    static final double GFLOP = 2.0 * ACCUMULATORS * VectorGemm.L * STEPS / 1e9;
    /** Depends on each run's sum, so the JIT cannot drop the loop as dead code; stays 0, so sums stay small. */
    private static volatile float sink;

    private FmaPeak() {}

    /** One run of {@link #STEPS} steps. */
    static void run() {
        FloatVector x = FloatVector.broadcast(VectorGemm.S, 0.999f);
        FloatVector y = FloatVector.broadcast(VectorGemm.S, 1f + sink);
        FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y;
        FloatVector c8 = y, c9 = y, c10 = y, c11 = y;
        for (long i = 0; i < STEPS; i++) {
            c0 = x.fma(y, c0); c1 = x.fma(y, c1); c2 = x.fma(y, c2); c3 = x.fma(y, c3);
            c4 = x.fma(y, c4); c5 = x.fma(y, c5); c6 = x.fma(y, c6); c7 = x.fma(y, c7);
            c8 = x.fma(y, c8); c9 = x.fma(y, c9); c10 = x.fma(y, c10); c11 = x.fma(y, c11);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11);
        sink = sum.reduceLanes(VectorOperators.ADD) > 0f ? 0f : 1f;
    }
}
