package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F(2x2, 3x3): 16 multiplies per 2x2 outputs (36 direct) with transforms of only additions; used
 * where F(4x4) would waste most of its larger tiles (planes of about 7x7).
 * B^T = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]], G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]],
 * A^T = [[1,1,1,0],[0,1,-1,-1]].
 */
final class WinogradF2 implements WinogradTransform {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final double[][] G = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};

    @Override
    public double[][] g() {
        return G;
    }

    @Override
    public void rowTransform(float[][] d, int[] off, int from, int to, float[][] t) {
        float[] d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3];
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3];
        float[] t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3];
        // Whole vectors, unmasked (masked accesses are slow on AVX2): columns past `to` are garbage.
        for (int x = from; x < to; x += L) {
            FloatVector a0 = FloatVector.fromArray(S, d0, o0 + x);
            FloatVector a1 = FloatVector.fromArray(S, d1, o1 + x);
            FloatVector a2 = FloatVector.fromArray(S, d2, o2 + x);
            FloatVector a3 = FloatVector.fromArray(S, d3, o3 + x);
            a0.sub(a2).intoArray(t0, x);
            a1.add(a2).intoArray(t1, x);
            a2.sub(a1).intoArray(t2, x);
            a1.sub(a3).intoArray(t3, x);
        }
    }

    /** A vector of tiles at a time: even/odd shuffles give columns 2j and 2j + 1, shifted by a tile 2j + 2 and 2j + 3. */
    @Override
    public void columnTransform(float[][] rows, int run, float[] v, int o, int ps) {
        for (int r = 0; r < 4; r++) {
            float[] t = rows[r];
            int p = o + 4 * r * ps;
            for (int j = 0; j < run; j += L) {
                int x = 2 * j;
                FloatVector v0 = FloatVector.fromArray(S, t, x);
                FloatVector v1 = FloatVector.fromArray(S, t, x + L);
                FloatVector c0 = v0.rearrange(VectorStrided.EVEN, v1);
                FloatVector c1 = v0.rearrange(VectorStrided.ODD, v1);
                FloatVector c2 = c0.slice(1, FloatVector.broadcast(S, t[x + 2 * L]));
                FloatVector c3 = c1.slice(1, FloatVector.broadcast(S, t[x + 2 * L + 1]));
                c0.sub(c2).intoArray(v, p + j);
                c1.add(c2).intoArray(v, p + ps + j);
                c2.sub(c1).intoArray(v, p + 2 * ps + j);
                c1.sub(c3).intoArray(v, p + 3 * ps + j);
            }
        }
    }

    @Override
    public int rowSlack() {
        return 2 * L + 2;
    }

    @Override
    public void outputTransform(float[] m, int base0, int ps, int nr, float b, float lo, float hi, float[] y) {
        for (int p = 0; p < nr; p += S.length()) {
            int base = base0 + p;
            FloatVector m00 = FloatVector.fromArray(S, m, base);
            FloatVector m01 = FloatVector.fromArray(S, m, base + ps);
            FloatVector m02 = FloatVector.fromArray(S, m, base + 2 * ps);
            FloatVector m03 = FloatVector.fromArray(S, m, base + 3 * ps);
            FloatVector m10 = FloatVector.fromArray(S, m, base + 4 * ps);
            FloatVector m11 = FloatVector.fromArray(S, m, base + 5 * ps);
            FloatVector m12 = FloatVector.fromArray(S, m, base + 6 * ps);
            FloatVector m13 = FloatVector.fromArray(S, m, base + 7 * ps);
            FloatVector m20 = FloatVector.fromArray(S, m, base + 8 * ps);
            FloatVector m21 = FloatVector.fromArray(S, m, base + 9 * ps);
            FloatVector m22 = FloatVector.fromArray(S, m, base + 10 * ps);
            FloatVector m23 = FloatVector.fromArray(S, m, base + 11 * ps);
            FloatVector m30 = FloatVector.fromArray(S, m, base + 12 * ps);
            FloatVector m31 = FloatVector.fromArray(S, m, base + 13 * ps);
            FloatVector m32 = FloatVector.fromArray(S, m, base + 14 * ps);
            FloatVector m33 = FloatVector.fromArray(S, m, base + 15 * ps);
            // Rows: s = A^T m.
            FloatVector s00 = m00.add(m10).add(m20), s01 = m01.add(m11).add(m21);
            FloatVector s02 = m02.add(m12).add(m22), s03 = m03.add(m13).add(m23);
            FloatVector s10 = m10.sub(m20).sub(m30), s11 = m11.sub(m21).sub(m31);
            FloatVector s12 = m12.sub(m22).sub(m32), s13 = m13.sub(m23).sub(m33);
            // Columns: y = s A.
            s00.add(s01).add(s02).add(b).max(lo).min(hi).intoArray(y, p);
            s01.sub(s02).sub(s03).add(b).max(lo).min(hi).intoArray(y, nr + p);
            s10.add(s11).add(s12).add(b).max(lo).min(hi).intoArray(y, 2 * nr + p);
            s11.sub(s12).sub(s13).add(b).max(lo).min(hi).intoArray(y, 3 * nr + p);
        }
    }
}
