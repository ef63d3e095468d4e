package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The interior of one output row of a stride-1 channel-wise conv on the Vector API: each vector
 * of output columns is accumulated in a register over all taps and stored once, with bias and
 * activation. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorChannelwise {
    private static final VectorSpecies<Float> S = VectorGemm.S;

    private VectorChannelwise() {}

    /**
     * Output columns [x0, x1) of row oy (every tap of those columns inside the input). The last
     * vector is moved back to end at x1, recomputing a few columns, or masked when the whole run
     * is narrower than a vector.
     *
     * @param o      arena offset of the output row
     * @param inBase arena offset of the input plane
     * @param wBase  offset of this channel's kH x kW weights
     */
    static void interior(float[] a, int o, int inBase, int oy, ConvGeometry g, float[] weight, int wBase,
                         float bias, int x0, int x1, float lo, float hi) {
        int l = S.length();
        if (x1 - x0 < l) {
            if (x1 > x0) columns(a, o, inBase, oy, g, weight, wBase, bias, x0, S.indexInRange(0, x1 - x0), lo, hi);
            return;
        }
        VectorMask<Float> all = S.maskAll(true);
        for (int ox = x0; ox < x1; ox += l) {
            columns(a, o, inBase, oy, g, weight, wBase, bias, Math.min(ox, x1 - l), all, lo, hi);
        }
    }

    /** One vector of output columns from ox, the lanes of {@code lanes} only. */
    private static void columns(float[] a, int o, int inBase, int oy, ConvGeometry g, float[] weight, int wBase,
                                float bias, int ox, VectorMask<Float> lanes, float lo, float hi) {
        FloatVector acc = FloatVector.broadcast(S, bias);
        for (int ky = 0; ky < g.kH(); ky++) {
            int iy = oy * g.strideH() - g.padH() + ky * g.dilH();
            if (iy < 0 || iy >= g.inH()) continue;
            int src = inBase + iy * g.inW() + ox - g.padW();
            int w = wBase + ky * g.kW();
            for (int kx = 0; kx < g.kW(); kx++) {
                FloatVector x = FloatVector.fromArray(S, a, src + kx * g.dilW(), lanes);
                acc = x.fma(FloatVector.broadcast(S, weight[w + kx]), acc);
            }
        }
        VectorClamp.clamp(acc, lo, hi).intoArray(a, o + ox, lanes);
    }
}
