package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The machine's single-core peak as the kernels see it: fused multiply-adds on 12 independent
 * vector accumulators in registers (no loads), in GFLOP per CPU-second, so kernel rates can be
 * put against what the core actually sustains rather than a nominal clock. 12 cover two FMA
 * pipes of 4-5 cycles' latency and, with the two operands, fit AVX2's 16 registers.
 */
final class FmaPeak {
    private static final int ACCUMULATORS = 12;
    private static final long STEPS = 40_000_000;
    /** Work of one {@link #run}: 12 vector FMAs of 2 FLOPs per lane per step. */
    static final double GFLOP = 2.0 * ACCUMULATORS * VectorGemm.L * STEPS / 1e9;
    /** Where each run's sum goes, so the JIT cannot drop the loop as dead code. */
    private static volatile float sink;

    private FmaPeak() {}

    /** One run of {@link #STEPS} steps. */
    static void run() {
        FloatVector x = FloatVector.broadcast(VectorGemm.S, 0.999f);
        FloatVector y = FloatVector.broadcast(VectorGemm.S, 1f + sink);
        FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y;
        FloatVector c8 = y, c9 = y, c10 = y, c11 = y;
        for (long i = 0; i < STEPS; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11);
        sink = sum.reduceLanes(VectorOperators.ADD);
    }
}
