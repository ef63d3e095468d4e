package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * act(x * scale + shift) over one run of the arena on the Vector API: C2 does not vectorise the
 * plain loop, whose input and output lie in the same array. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorAffine {
    private static final VectorSpecies<Float> S = VectorGemm.S;

    private VectorAffine() {}

    /** a[dst + i] = act(a[src + i] * s + b) for i &lt; len; dst may equal src (in place). */
    static void run(float[] a, int src, int dst, int len, float s, float b, Activation act) {
        run(a, src, a, dst, len, s, b, act);
    }

    /** to[dst + i] = act(from[src + i] * s + b) for i &lt; len. */
    static void run(float[] from, int src, float[] to, int dst, int len, float s, float b, Activation act) {
        float lo = VectorGemm.lowerBound(act);
        float hi = VectorGemm.upperBound(act);
        FloatVector vs = FloatVector.broadcast(S, s);
        FloatVector vb = FloatVector.broadcast(S, b);
        int i = 0;
        for (int end = len - S.length(); i <= end; i += S.length()) {
            // mul then add, not fma: the same roundings as the scalar loop, so results are unchanged.
            VectorClamp.clamp(FloatVector.fromArray(S, from, src + i).mul(vs).add(vb), lo, hi).intoArray(to, dst + i);
        }
        for (; i < len; i++) to[dst + i] = Math.min(Math.max(from[src + i] * s + b, lo), hi);
    }
}
