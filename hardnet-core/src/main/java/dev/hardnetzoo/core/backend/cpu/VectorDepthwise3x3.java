package dev.hardnetzoo.core.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise 3x3 convs with padding 1, stride 1 or 2, on the Vector API, one channel plane at a
 * time. The output plane is walked as one flat run of pixels, so a vector spans several rows of
 * a 7x7 or 14x14 map instead of wasting lanes on a short row. The input plane is first copied
 * into per-thread scratch behind and ahead of a zero guard of one row and one pixel, so the taps
 * above the first row and below the last read zeros; the taps left of column 0 and right of the
 * last column (which would read the neighbouring row) are summed apart and added under a column
 * mask. For stride 2 the copy also splits the input into its four phases (even/odd rows x
 * even/odd columns): every tap then reads one phase contiguously, at the output pixel or one
 * row/column before it. Only used when {@link VectorSupport#AVAILABLE}.
 */
final class VectorDepthwise3x3 {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    private final ConvGeometry g;
    private final int stride;
    private final int copied;       // floats of each copied plane (stride 2: of each phase)
    private final int guard;        // zeros before each copied plane: one row and one pixel
    private final int phaseStride;  // scratch floats per copied plane (stride 2: per phase)
    private final boolean[] notFirstColumn; // per output pixel (and L spare lanes)
    private final boolean[] notLastColumn;
    private final boolean evenInput;        // stride 2 on an input of even height and width

    /** Whether {@link #VectorDepthwise3x3} handles this conv: depthwise 3x3, padding 1, stride 1 or 2, at least a vector of output. */
    static boolean handles(ConvGeometry g) {
        return g.isChannelwise() && g.kH() == 3 && g.kW() == 3 && g.padH() == 1 && g.padW() == 1
                && g.dilH() == 1 && g.dilW() == 1 && g.strideH() == g.strideW()
                && (g.strideH() == 1 || g.strideH() == 2) && g.outPlane() >= L;
    }

    VectorDepthwise3x3(ConvGeometry g) {
        if (!handles(g)) throw new IllegalArgumentException("not a depthwise 3x3 pad 1 stride 1/2 conv: " + g);
        this.g = g;
        this.stride = g.strideH();
        // Stride 1 copies the input plane (row width inW = outW); stride 2 copies four phases of outH x outW.
        int width = g.outW();
        this.copied = stride == 1 ? g.inPlane() : g.outPlane();
        this.guard = width + 1;
        this.phaseStride = guard + copied + width + 1 + L;
        this.evenInput = stride == 2 && g.inH() == 2 * g.outH() && g.inW() == 2 * width;
        this.notFirstColumn = new boolean[g.outPlane() + L];
        this.notLastColumn = new boolean[g.outPlane() + L];
        for (int p = 0; p < g.outPlane(); p++) {
            notFirstColumn[p] = p % width != 0;
            notLastColumn[p] = p % width != width - 1;
        }
    }

    /** Scratch floats one thread needs. */
    int scratchFloats() {
        return (stride == 1 ? 1 : 4) * phaseStride;
    }

    /**
     * Zeroes the guards of {@code s} (around each copied plane, not the planes themselves); the
     * plane calls that follow on the same scratch write only inside the planes and the spare lanes
     * after them.
     */
    void clearGuards(float[] s) {
        for (int base = 0; base < scratchFloats(); base += phaseStride) {
            Arrays.fill(s, base, base + guard, 0f);
            Arrays.fill(s, base + guard + copied, base + phaseStride, 0f);
        }
    }

    /**
     * One output channel plane.
     *
     * @param in    arena offset of the input plane
     * @param out   arena offset of the output plane
     * @param w     weights; this channel's 3x3 taps at {@code w[wOff + ky * 3 + kx]}
     * @param s     this thread's scratch of {@link #scratchFloats()}, guards cleared
     */
    void plane(float[] a, int in, int out, float[] w, int wOff, float bias, float lo, float hi, float[] s) {
        if (stride == 1) {
            System.arraycopy(a, in, s, guard, g.inPlane());
            stride1(a, out, w, wOff, bias, lo, hi, s);
        } else {
            if (evenInput && in + g.inPlane() + 2 * L <= a.length) {
                splitEvenPhases(a, in, s);
            } else {
                splitPhases(a, in, s);
            }
            stride2(a, out, w, wOff, bias, lo, hi, s);
        }
    }

    private void stride1(float[] a, int out, float[] w, int wOff, float bias, float lo, float hi, float[] s) {
        int width = g.outW();
        int plane = g.outPlane();
        FloatVector w00 = FloatVector.broadcast(S, w[wOff]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        for (int p = 0; p < plane; p += L) {
            int c = guard + p;
            int up = c - width;
            int dn = c + width;
            FloatVector mid = FloatVector.fromArray(S, s, up).fma(w01, b);
            mid = FloatVector.fromArray(S, s, c).fma(w11, mid);
            mid = FloatVector.fromArray(S, s, dn).fma(w21, mid);
            FloatVector left = FloatVector.fromArray(S, s, up - 1).mul(w00);
            left = FloatVector.fromArray(S, s, c - 1).fma(w10, left);
            left = FloatVector.fromArray(S, s, dn - 1).fma(w20, left);
            FloatVector right = FloatVector.fromArray(S, s, up + 1).mul(w02);
            right = FloatVector.fromArray(S, s, c + 1).fma(w12, right);
            right = FloatVector.fromArray(S, s, dn + 1).fma(w22, right);
            FloatVector sum = mid.add(left, VectorMask.fromArray(S, notFirstColumn, p))
                    .add(right, VectorMask.fromArray(S, notLastColumn, p));
            store(VectorClamp.clamp(sum, lo, hi), a, out, p, plane);
        }
    }

    private void stride2(float[] a, int out, float[] w, int wOff, float bias, float lo, float hi, float[] s) {
        int width = g.outW();
        int plane = g.outPlane();
        int ee = guard; // phase planes: even/odd row, even/odd column
        int eo = ee + phaseStride;
        int oe = eo + phaseStride;
        int oo = oe + phaseStride;
        FloatVector w00 = FloatVector.broadcast(S, w[wOff]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        for (int p = 0; p < plane; p += L) {
            // Output (y, x) reads input rows 2y-1, 2y, 2y+1 = odd row y-1, even row y, odd row y;
            // columns 2x-1, 2x, 2x+1 = odd column x-1, even column x, odd column x.
            FloatVector top = FloatVector.fromArray(S, s, oe + p - width).fma(w01, b);
            top = FloatVector.fromArray(S, s, oo + p - width).fma(w02, top);
            FloatVector mid = FloatVector.fromArray(S, s, ee + p).mul(w11);
            mid = FloatVector.fromArray(S, s, eo + p).fma(w12, mid);
            mid = FloatVector.fromArray(S, s, oe + p).fma(w21, mid);
            mid = FloatVector.fromArray(S, s, oo + p).fma(w22, mid);
            FloatVector left = FloatVector.fromArray(S, s, oo + p - width - 1).mul(w00);
            left = FloatVector.fromArray(S, s, eo + p - 1).fma(w10, left);
            left = FloatVector.fromArray(S, s, oo + p - 1).fma(w20, left);
            store(VectorClamp.clamp(mid.add(top).add(left, VectorMask.fromArray(S, notFirstColumn, p)), lo, hi), a, out, p, plane);
        }
    }

    /** Output pixels [p, p + L) of the plane at {@code a[out]}, masked to those inside it. */
    private static void store(FloatVector v, float[] a, int out, int p, int plane) {
        if (p + L <= plane) {
            v.intoArray(a, out + p);
        } else {
            v.intoArray(a, out + p, S.indexInRange(p, plane));
        }
    }

    /**
     * Input plane at {@code in} into the four phase planes of scratch, each outH x outW after its
     * guard; a phase row or column past the input's edge (odd sizes) is zero, as padding.
     */
    private void splitPhases(float[] a, int in, float[] s) {
        int width = g.outW();
        for (int y = 0; y < g.outH(); y++) {
            int row = guard + y * width;
            deinterleave(a, in + 2 * y * g.inW(), s, row, row + phaseStride);
            if (2 * y + 1 < g.inH()) {
                deinterleave(a, in + (2 * y + 1) * g.inW(), s, row + 2 * phaseStride, row + 3 * phaseStride);
            } else {
                Arrays.fill(s, row + 2 * phaseStride, row + 2 * phaseStride + width, 0f);
                Arrays.fill(s, row + 3 * phaseStride, row + 3 * phaseStride + width, 0f);
            }
        }
    }

    /**
     * {@link #splitPhases} for an input of even height and width, with at least 2L floats after
     * the plane (reads run up to 2L - 2 floats past it): one loop nest with no call and no masked
     * tail per row. {@code KernelCpuRates dw3x3s2:640:640:14} (to 7x7) went from 5.3 to 5.9 and
     * {@code dw3x3s2:320:320:28} from 7.6-8.1 to 9.2-9.4 GFLOP/CPU-s (one Zen 3 core, alternating).
     */
    private void splitEvenPhases(float[] a, int in, float[] s) {
        int width = g.outW();
        int inW = g.inW();
        for (int r = 0; r < g.inH(); r++) {
            int even = (r & 1) * 2 * phaseStride + guard + (r >> 1) * width; // ee or oe
            int odd = even + phaseStride;                                    // eo or oo
            int src = in + r * inW;
            for (int x = 0; x < width; x += L) splitVectorPair(a, src + 2 * x, s, even + x, odd + x);
        }
    }

    /** The 2L floats at {@code a[at]}: their even elements to {@code s[even]}, their odd ones to {@code s[odd]}. */
    private static void splitVectorPair(float[] a, int at, float[] s, int even, int odd) {
        FloatVector v0 = FloatVector.fromArray(S, a, at);
        FloatVector v1 = FloatVector.fromArray(S, a, at + L);
        v0.rearrange(VectorStrided.EVEN, v1).intoArray(s, even);
        v0.rearrange(VectorStrided.ODD, v1).intoArray(s, odd);
    }

    /**
     * The even and odd elements of one input row into rows of outW floats at {@code even} and
     * {@code odd} (the odd row's last element zero when the input width is odd). Whole vectors
     * are stored: up to L - 1 floats past each row, overwritten by the next row or spare.
     */
    private void deinterleave(float[] a, int row, float[] s, int even, int odd) {
        int inW = g.inW();
        int width = g.outW();
        // Whole vectors while they stay inside the array (reading on into the next row is harmless:
        // those lanes land past this phase row, where the next row or the unread slack goes), then
        // the rest masked; two loops, not one with a branch, as C2 compiles merged vectors poorly.
        int x = 0;
        for (; x < width && row + 2 * x + 2 * L <= a.length; x += L) {
            splitVectorPair(a, row + 2 * x, s, even + x, odd + x);
        }
        for (; x < width; x += L) {
            int src = 2 * x;
            FloatVector v0 = FloatVector.fromArray(S, a, row + src, S.indexInRange(src, inW));
            FloatVector v1 = FloatVector.fromArray(S, a, row + src + L, S.indexInRange(src + L, inW));
            v0.rearrange(VectorStrided.EVEN, v1).intoArray(s, even + x);
            v0.rearrange(VectorStrided.ODD, v1).intoArray(s, odd + x);
        }
        if (inW % 2 == 1) s[odd + width - 1] = 0f; // the column past an odd row's end is padding
    }
}
