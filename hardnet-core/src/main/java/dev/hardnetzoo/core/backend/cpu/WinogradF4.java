package dev.hardnetzoo.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F(4x4, 3x3): 36 multiplies per 4x4 outputs (144 direct), the variant for planes of 14x14 and
 * more. Interpolation points 0, 1, -1, 2, -2 and infinity keep float32 errors near those of
 * F(2x2) for 3x3 kernels. B^T = [[4,0,-5,0,1,0],[0,-4,-4,1,1,0],[0,4,-4,-1,1,0],[0,-2,-1,2,1,0],
 * [0,2,-1,-2,1,0],[0,4,0,-5,0,1]], G = [[1/4,0,0],[-1/6,-1/6,-1/6],[-1/6,1/6,-1/6],
 * [1/24,1/12,1/6],[1/24,-1/12,1/6],[0,0,1]], A^T = [[1,1,1,1,1,0],[0,1,-1,2,-2,0],[0,1,1,4,4,0],
 * [0,1,-1,8,-8,1]]. The output transform is written out: C2 keeps the 36 vectors in registers
 * only in straight-line code.
 */
final class WinogradF4 implements WinogradTransform {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final double[][] G = {
        {1 / 4.0, 0, 0}, {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
        {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};

    @Override
    public double[][] g() {
        return G;
    }

    @Override
    public void rowTransform(float[][] d, int[] off, int from, int to, float[][] t) {
        float[] d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3], d4 = d[4], d5 = d[5];
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5];
        float[] t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5];
        // Whole vectors, unmasked (masked accesses are slow on AVX2): columns past `to` are garbage.
        for (int x = from; x < to; x += L) {
            FloatVector a0 = FloatVector.fromArray(S, d0, o0 + x);
            FloatVector a1 = FloatVector.fromArray(S, d1, o1 + x);
            FloatVector a2 = FloatVector.fromArray(S, d2, o2 + x);
            FloatVector a3 = FloatVector.fromArray(S, d3, o3 + x);
            FloatVector a4 = FloatVector.fromArray(S, d4, o4 + x);
            FloatVector a5 = FloatVector.fromArray(S, d5, o5 + x);
            a0.mul(4f).sub(a2.mul(5f)).add(a4).intoArray(t0, x);
            a3.add(a4).sub(a1.add(a2).mul(4f)).intoArray(t1, x);
            a4.sub(a3).add(a1.sub(a2).mul(4f)).intoArray(t2, x);
            a4.sub(a2).add(a3.sub(a1).mul(2f)).intoArray(t3, x);
            a4.sub(a2).sub(a3.sub(a1).mul(2f)).intoArray(t4, x);
            a1.mul(4f).sub(a3.mul(5f)).add(a5).intoArray(t5, x);
        }
    }

    /**
     * Sixteen tiles at a time: the t row's 64 columns from the run's start are split into their
     * four phases by two rounds of even/odd shuffles (phase k holds column 4j + k of tile j), and
     * the tile's fifth and sixth columns are phases 0 and 1 shifted by one tile.
     */
    @Override
    public void columnTransform(float[][] rows, int run, float[] v, int o, int ps) {
        for (int r = 0; r < 6; r++) {
            float[] t = rows[r];
            int p = o + 6 * r * ps;
            for (int j = 0; j < run; j += L) {
                int x = 4 * j;
                FloatVector v0 = FloatVector.fromArray(S, t, x);
                FloatVector v1 = FloatVector.fromArray(S, t, x + L);
                FloatVector v2 = FloatVector.fromArray(S, t, x + 2 * L);
                FloatVector v3 = FloatVector.fromArray(S, t, x + 3 * L);
                FloatVector e01 = v0.rearrange(VectorStrided.EVEN, v1);
                FloatVector o01 = v0.rearrange(VectorStrided.ODD, v1);
                FloatVector e23 = v2.rearrange(VectorStrided.EVEN, v3);
                FloatVector o23 = v2.rearrange(VectorStrided.ODD, v3);
                FloatVector c0 = e01.rearrange(VectorStrided.EVEN, e23);
                FloatVector c1 = o01.rearrange(VectorStrided.EVEN, o23);
                FloatVector c2 = e01.rearrange(VectorStrided.ODD, e23);
                FloatVector c3 = o01.rearrange(VectorStrided.ODD, o23);
                FloatVector c4 = c0.slice(1, FloatVector.broadcast(S, t[x + 4 * L]));
                FloatVector c5 = c1.slice(1, FloatVector.broadcast(S, t[x + 4 * L + 1]));
                c0.mul(4f).sub(c2.mul(5f)).add(c4).intoArray(v, p + j);
                c3.add(c4).sub(c1.add(c2).mul(4f)).intoArray(v, p + ps + j);
                c4.sub(c3).add(c1.sub(c2).mul(4f)).intoArray(v, p + 2 * ps + j);
                c4.sub(c2).add(c3.sub(c1).mul(2f)).intoArray(v, p + 3 * ps + j);
                c4.sub(c2).sub(c3.sub(c1).mul(2f)).intoArray(v, p + 4 * ps + j);
                c1.mul(4f).sub(c3.mul(5f)).add(c5).intoArray(v, p + 5 * ps + j);
            }
        }
    }

    @Override
    public int rowSlack() {
        return 4 * L + 2;
    }

    @Override
    public void outputTransform(float[] m, int base0, int ps, int nr, float b, float lo, float hi, float[] y) {
        FloatVector two = FloatVector.broadcast(S, 2f);
        FloatVector four = FloatVector.broadcast(S, 4f);
        FloatVector eight = FloatVector.broadcast(S, 8f);
        for (int p = 0; p < nr; p += S.length()) {
            int base = base0 + p;
            // Columns first: s = A^T m, one column j of the 6x6 tile at a time.
            FloatVector m00 = FloatVector.fromArray(S, m, base + 0 * ps);
            FloatVector m10 = FloatVector.fromArray(S, m, base + 6 * ps);
            FloatVector m20 = FloatVector.fromArray(S, m, base + 12 * ps);
            FloatVector m30 = FloatVector.fromArray(S, m, base + 18 * ps);
            FloatVector m40 = FloatVector.fromArray(S, m, base + 24 * ps);
            FloatVector m50 = FloatVector.fromArray(S, m, base + 30 * ps);
            FloatVector a0 = m10.add(m20), b0 = m10.sub(m20), c0 = m30.add(m40), d0 = m30.sub(m40);
            FloatVector s00 = m00.add(a0).add(c0);
            FloatVector s10 = d0.fma(two, b0);
            FloatVector s20 = c0.fma(four, a0);
            FloatVector s30 = d0.fma(eight, b0).add(m50);
            FloatVector m01 = FloatVector.fromArray(S, m, base + 1 * ps);
            FloatVector m11 = FloatVector.fromArray(S, m, base + 7 * ps);
            FloatVector m21 = FloatVector.fromArray(S, m, base + 13 * ps);
            FloatVector m31 = FloatVector.fromArray(S, m, base + 19 * ps);
            FloatVector m41 = FloatVector.fromArray(S, m, base + 25 * ps);
            FloatVector m51 = FloatVector.fromArray(S, m, base + 31 * ps);
            FloatVector a1 = m11.add(m21), b1 = m11.sub(m21), c1 = m31.add(m41), d1 = m31.sub(m41);
            FloatVector s01 = m01.add(a1).add(c1);
            FloatVector s11 = d1.fma(two, b1);
            FloatVector s21 = c1.fma(four, a1);
            FloatVector s31 = d1.fma(eight, b1).add(m51);
            FloatVector m02 = FloatVector.fromArray(S, m, base + 2 * ps);
            FloatVector m12 = FloatVector.fromArray(S, m, base + 8 * ps);
            FloatVector m22 = FloatVector.fromArray(S, m, base + 14 * ps);
            FloatVector m32 = FloatVector.fromArray(S, m, base + 20 * ps);
            FloatVector m42 = FloatVector.fromArray(S, m, base + 26 * ps);
            FloatVector m52 = FloatVector.fromArray(S, m, base + 32 * ps);
            FloatVector a2 = m12.add(m22), b2 = m12.sub(m22), c2 = m32.add(m42), d2 = m32.sub(m42);
            FloatVector s02 = m02.add(a2).add(c2);
            FloatVector s12 = d2.fma(two, b2);
            FloatVector s22 = c2.fma(four, a2);
            FloatVector s32 = d2.fma(eight, b2).add(m52);
            FloatVector m03 = FloatVector.fromArray(S, m, base + 3 * ps);
            FloatVector m13 = FloatVector.fromArray(S, m, base + 9 * ps);
            FloatVector m23 = FloatVector.fromArray(S, m, base + 15 * ps);
            FloatVector m33 = FloatVector.fromArray(S, m, base + 21 * ps);
            FloatVector m43 = FloatVector.fromArray(S, m, base + 27 * ps);
            FloatVector m53 = FloatVector.fromArray(S, m, base + 33 * ps);
            FloatVector a3 = m13.add(m23), b3 = m13.sub(m23), c3 = m33.add(m43), d3 = m33.sub(m43);
            FloatVector s03 = m03.add(a3).add(c3);
            FloatVector s13 = d3.fma(two, b3);
            FloatVector s23 = c3.fma(four, a3);
            FloatVector s33 = d3.fma(eight, b3).add(m53);
            FloatVector m04 = FloatVector.fromArray(S, m, base + 4 * ps);
            FloatVector m14 = FloatVector.fromArray(S, m, base + 10 * ps);
            FloatVector m24 = FloatVector.fromArray(S, m, base + 16 * ps);
            FloatVector m34 = FloatVector.fromArray(S, m, base + 22 * ps);
            FloatVector m44 = FloatVector.fromArray(S, m, base + 28 * ps);
            FloatVector m54 = FloatVector.fromArray(S, m, base + 34 * ps);
            FloatVector a4 = m14.add(m24), b4 = m14.sub(m24), c4 = m34.add(m44), d4 = m34.sub(m44);
            FloatVector s04 = m04.add(a4).add(c4);
            FloatVector s14 = d4.fma(two, b4);
            FloatVector s24 = c4.fma(four, a4);
            FloatVector s34 = d4.fma(eight, b4).add(m54);
            FloatVector m05 = FloatVector.fromArray(S, m, base + 5 * ps);
            FloatVector m15 = FloatVector.fromArray(S, m, base + 11 * ps);
            FloatVector m25 = FloatVector.fromArray(S, m, base + 17 * ps);
            FloatVector m35 = FloatVector.fromArray(S, m, base + 23 * ps);
            FloatVector m45 = FloatVector.fromArray(S, m, base + 29 * ps);
            FloatVector m55 = FloatVector.fromArray(S, m, base + 35 * ps);
            FloatVector a5 = m15.add(m25), b5 = m15.sub(m25), c5 = m35.add(m45), d5 = m35.sub(m45);
            FloatVector s05 = m05.add(a5).add(c5);
            FloatVector s15 = d5.fma(two, b5);
            FloatVector s25 = c5.fma(four, a5);
            FloatVector s35 = d5.fma(eight, b5).add(m55);
            // Then rows: y = s A, plus bias and activation.
            FloatVector e0 = s01.add(s02), f0 = s01.sub(s02), g0 = s03.add(s04), h0 = s03.sub(s04);
            s00.add(e0).add(g0).add(b).max(lo).min(hi).intoArray(y, 0 * nr + p);
            h0.fma(two, f0).add(b).max(lo).min(hi).intoArray(y, 1 * nr + p);
            g0.fma(four, e0).add(b).max(lo).min(hi).intoArray(y, 2 * nr + p);
            h0.fma(eight, f0).add(s05).add(b).max(lo).min(hi).intoArray(y, 3 * nr + p);
            FloatVector e1 = s11.add(s12), f1 = s11.sub(s12), g1 = s13.add(s14), h1 = s13.sub(s14);
            s10.add(e1).add(g1).add(b).max(lo).min(hi).intoArray(y, 4 * nr + p);
            h1.fma(two, f1).add(b).max(lo).min(hi).intoArray(y, 5 * nr + p);
            g1.fma(four, e1).add(b).max(lo).min(hi).intoArray(y, 6 * nr + p);
            h1.fma(eight, f1).add(s15).add(b).max(lo).min(hi).intoArray(y, 7 * nr + p);
            FloatVector e2 = s21.add(s22), f2 = s21.sub(s22), g2 = s23.add(s24), h2 = s23.sub(s24);
            s20.add(e2).add(g2).add(b).max(lo).min(hi).intoArray(y, 8 * nr + p);
            h2.fma(two, f2).add(b).max(lo).min(hi).intoArray(y, 9 * nr + p);
            g2.fma(four, e2).add(b).max(lo).min(hi).intoArray(y, 10 * nr + p);
            h2.fma(eight, f2).add(s25).add(b).max(lo).min(hi).intoArray(y, 11 * nr + p);
            FloatVector e3 = s31.add(s32), f3 = s31.sub(s32), g3 = s33.add(s34), h3 = s33.sub(s34);
            s30.add(e3).add(g3).add(b).max(lo).min(hi).intoArray(y, 12 * nr + p);
            h3.fma(two, f3).add(b).max(lo).min(hi).intoArray(y, 13 * nr + p);
            g3.fma(four, e3).add(b).max(lo).min(hi).intoArray(y, 14 * nr + p);
            h3.fma(eight, f3).add(s35).add(b).max(lo).min(hi).intoArray(y, 15 * nr + p);
        }
    }
}
