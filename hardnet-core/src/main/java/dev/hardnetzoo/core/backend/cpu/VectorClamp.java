package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The activation clamp of the streaming kernels (depthwise, BatchNorm on the way into a 1x1
 * conv or a pool): {@code v.max(lo).min(hi)} as two compares and two blends. {@code FloatVector.max}
 * and {@code min} keep Java's rules for NaN and signed zeros, which AVX2 has no instruction for:
 * C2 emits five instructions each, three of them blends. Replacing lanes at or below lo by lo, then
 * at or above hi by hi, gives the same result for every input (NaN kept, -0.0 raised to lo = +0.0)
 * as long as lo is not -0.0 ({@link VectorGemm#lowerBound} is 0 or -infinity).
 * <p>
 * On one Zen 3 core: depthwise 3x3 on 56x56 planes 27.5-28.0 against 22.4-23.3 GFLOP per
 * CPU-second, stride 2 13.0-13.4 against 12.2-12.4. The GEMM and Winograd kernels keep
 * {@code max}/{@code min}: there this helper cost 8-70 % (C2 then spilled their accumulators), and
 * the same compares written out in the GEMM were level or worse.
 */
final class VectorClamp {
    private VectorClamp() {}

    static FloatVector clamp(FloatVector v, float lo, float hi) {
        FloatVector low = FloatVector.broadcast(VectorGemm.S, lo);
        FloatVector high = FloatVector.broadcast(VectorGemm.S, hi);
        FloatVector raised = v.blend(low, v.compare(VectorOperators.LE, low));
        return raised.blend(high, raised.compare(VectorOperators.GE, high));
    }
}
