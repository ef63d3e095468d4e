package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The machine's single-core peak as the kernels see it: fused multiply-adds on 24 independent
 * vector accumulators in registers (no loads), in GFLOP per CPU-second, so kernel rates can be
 * put against what the core actually sustains rather than a nominal clock.
 */
final class FmaPeak {
    private static final int ACCUMULATORS = 24;
    private static final long STEPS = 20_000_000;
    /** Work of one {@link #run}: 24 vector FMAs of 2 FLOPs per lane per step. */
    static final double GFLOP = 2.0 * ACCUMULATORS * VectorGemm.L * STEPS / 1e9;
    /** Where each run's sum goes, so the JIT cannot drop the loop as dead code. */
    private static volatile float sink;

    private FmaPeak() {}

    /** One run of {@link #STEPS} steps. */
    static void run() {
        FloatVector x = FloatVector.broadcast(VectorGemm.S, 0.999f);
        FloatVector y = FloatVector.broadcast(VectorGemm.S, 1f + sink);
        FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y;
        FloatVector c8 = y, c9 = y, c10 = y, c11 = y, c12 = y, c13 = y, c14 = y, c15 = y;
        FloatVector c16 = y, c17 = y, c18 = y, c19 = y, c20 = y, c21 = y, c22 = y, c23 = y;
        for (long i = 0; i < STEPS; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
            c12 = c12.fma(x, y); c13 = c13.fma(x, y); c14 = c14.fma(x, y); c15 = c15.fma(x, y);
            c16 = c16.fma(x, y); c17 = c17.fma(x, y); c18 = c18.fma(x, y); c19 = c19.fma(x, y);
            c20 = c20.fma(x, y); c21 = c21.fma(x, y); c22 = c22.fma(x, y); c23 = c23.fma(x, y);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11).add(c12).add(c13).add(c14).add(c15).add(c16).add(c17).add(c18).add(c19).add(c20)
                .add(c21).add(c22).add(c23);
        sink = sum.reduceLanes(VectorOperators.ADD);
    }
}
