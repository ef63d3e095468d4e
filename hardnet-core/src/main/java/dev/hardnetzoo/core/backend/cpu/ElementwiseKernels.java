package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.tensor.Shape;

/**
 * Element-wise kernels over whole tensors. Each batch item of a slice is one contiguous run (a
 * channel slice of a concat buffer differs only in its batch stride), so work is split into
 * runs of elements. Every kernel allows {@code out} to be the very slice of an input (in place).
 */
public final class ElementwiseKernels {
    /** Elements per task at least: below this, scheduling costs more than the work. */
    private static final int MIN_ELEMENTS = 16 * 1024;
    /** Elements processed before the activation pass, so that pass hits the L1 cache. */
    private static final int BLOCK = 2048;
    private static final boolean VECTOR = VectorSupport.AVAILABLE;

    private ElementwiseKernels() {}

    /** out = act(in * scale[c] + shift[c]): inference BatchNorm. */
    public static void channelAffine(float[] arena, Slice in, Slice out, float[] scale, float[] shift,
                                     Activation act, Parallel par) {
        requireSameShape(in, out);
        int channels = in.shape().c();
        if (scale.length != channels || shift.length != channels) {
            throw new IllegalArgumentException("affine of " + channels + " channels with "
                    + scale.length + " scales and " + shift.length + " shifts");
        }
        int plane = in.plane();
        WorkSplit split = WorkSplit.of(in.shape().n() * channels, plane, MIN_ELEMENTS, par);
        par.forEach(split.tasks(), t -> {
            int item = split.item(t);
            int n = item / channels;
            int c = item % channels;
            float s = scale[c];
            float b = shift[c];
            int src = in.at(n, c);
            int dst = out.at(n, c);
            if (VECTOR) {
                VectorAffine.run(arena, src + split.start(t), dst + split.start(t), split.end(t) - split.start(t),
                        s, b, act);
                return;
            }
            for (int i0 = split.start(t), end = split.end(t); i0 < end; i0 += BLOCK) {
                int len = Math.min(BLOCK, end - i0);
                for (int i = 0; i < len; i++) arena[dst + i0 + i] = arena[src + i0 + i] * s + b;
                Activations.apply(arena, dst + i0, len, act);
            }
        });
    }

    public static void activation(float[] arena, Slice in, Slice out, Activation act, Parallel par) {
        requireSameShape(in, out);
        forRuns(in, par, (n, i0, len) -> {
            int dst = out.offset() + n * out.batchStride() + i0;
            if (in.offset() + n * in.batchStride() + i0 != dst) {
                System.arraycopy(arena, in.offset() + n * in.batchStride() + i0, arena, dst, len);
            }
            Activations.apply(arena, dst, len, act);
        });
    }

    /** out = act(a + b). */
    public static void add(float[] arena, Slice a, Slice b, Slice out, Activation act, Parallel par) {
        requireSameShape(a, out);
        requireSameShape(b, out);
        forRuns(out, par, (n, i0, len) -> {
            int pa = a.offset() + n * a.batchStride() + i0;
            int pb = b.offset() + n * b.batchStride() + i0;
            int po = out.offset() + n * out.batchStride() + i0;
            for (int j = 0; j < len; j += BLOCK) {
                int m = Math.min(BLOCK, len - j);
                for (int i = 0; i < m; i++) arena[po + j + i] = arena[pa + j + i] + arena[pb + j + i];
                Activations.apply(arena, po + j, m, act);
            }
        });
    }

    /**
     * Copies {@code in} into {@code out} element for element in logical order; shapes may differ
     * as long as each batch item has as many elements (flatten of a strided slice).
     */
    public static void copy(float[] arena, Slice in, Slice out, Parallel par) {
        Shape s = in.shape();
        Shape o = out.shape();
        if (s.n() != o.n() || s.perItem() != o.perItem()) {
            throw new IllegalArgumentException("cannot copy " + s + " into " + o);
        }
        forRuns(in, par, (n, i0, len) -> System.arraycopy(arena, in.offset() + n * in.batchStride() + i0,
                arena, out.offset() + n * out.batchStride() + i0, len));
    }

    /** Body for elements [i0, i0+len) of batch item n. */
    @FunctionalInterface
    private interface RunBody {
        void run(int n, int i0, int len);
    }

    private static void forRuns(Slice s, Parallel par, RunBody body) {
        WorkSplit split = WorkSplit.of(s.shape().n(), (int) s.shape().perItem(), MIN_ELEMENTS, par);
        par.forEach(split.tasks(), t -> body.run(split.item(t), split.start(t), split.end(t) - split.start(t)));
    }

    private static void requireSameShape(Slice a, Slice b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("shapes differ: " + a.shape() + " vs " + b.shape());
        }
    }
}
