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
    private static final double[][] G = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};

    @Override
    public int m() {
        return 2;
    }

    @Override
    public double[][] g() {
        return G;
    }

    @Override
    public void rowTransform(float[][] rows, int cols) {
        float[] d0 = rows[0], d1 = rows[1], d2 = rows[2], d3 = rows[3];
        float[] t0 = rows[4], t1 = rows[5], t2 = rows[6], t3 = rows[7];
        for (int x = 0; x < cols; x++) t0[x] = d0[x] - d2[x];
        for (int x = 0; x < cols; x++) t1[x] = d1[x] + d2[x];
        for (int x = 0; x < cols; x++) t2[x] = d2[x] - d1[x];
        for (int x = 0; x < cols; x++) t3[x] = d1[x] - d3[x];
    }

    @Override
    public void columnTransform(float[][] rows, int run, float[] v, int o, int ps) {
        for (int r = 0; r < 4; r++) {
            float[] t = rows[4 + r];
            int p = o + 4 * r * ps;
            for (int j = 0; j < run; j++) {
                int x = 2 * j;
                float c0 = t[x], c1 = t[x + 1], c2 = t[x + 2], c3 = t[x + 3];
                v[p + j] = c0 - c2;
                v[p + ps + j] = c1 + c2;
                v[p + 2 * ps + j] = c2 - c1;
                v[p + 3 * ps + j] = c1 - c3;
            }
        }
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
