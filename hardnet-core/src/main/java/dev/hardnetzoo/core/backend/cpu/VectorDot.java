package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products on the Vector API with four independent accumulators, so a fully connected layer
 * runs at memory speed rather than at one add latency per element as a scalar float sum does.
 * Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorDot {
    private static final VectorSpecies<Float> S = VectorGemm.S;

    private VectorDot() {}

    /** The sum over i &lt; n of a[aOff + i] * b[bOff + i]. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int l = S.length();
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        for (; i + 4 * l <= n; i += 4 * l) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + l).fma(FloatVector.fromArray(S, b, bOff + i + l), s1);
            s2 = FloatVector.fromArray(S, a, aOff + i + 2 * l).fma(FloatVector.fromArray(S, b, bOff + i + 2 * l), s2);
            s3 = FloatVector.fromArray(S, a, aOff + i + 3 * l).fma(FloatVector.fromArray(S, b, bOff + i + 3 * l), s3);
        }
        for (; i + l <= n; i += l) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        }
        // Lanes summed in a fixed order, not with reduceLanes(ADD): its order is unspecified and differs
        // between the interpreter and C2, so the same input would give outputs a few ULPs apart from run to run.
        FloatVector total = s0.add(s1).add(s2.add(s3));
        float sum = 0;
        for (int lane = 0; lane < l; lane++) sum += total.lane(lane);
        for (; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return sum;
    }
}
