package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Helpers for kernel tests: placing dense tensors into arenas at (possibly strided) slices. */
final class KernelTesting {
    static final Parallel SERIAL = new ThreadPoolParallel(1);

    private KernelTesting() {}

    /** A slice of {@code shape} at channel {@code firstChannel} of a buffer of {@code totalChannels} at base. */
    static Slice channelSlice(int base, Shape shape, int totalChannels, int firstChannel) {
        int plane = shape.rank() == 4 ? shape.h() * shape.w() : 1;
        return new Slice(base + firstChannel * plane, totalChannels * plane, shape);
    }

    static void write(float[] arena, Slice s, float[] dense) {
        int per = (int) s.shape().perItem();
        for (int n = 0; n < s.shape().n(); n++) {
            System.arraycopy(dense, n * per, arena, s.offset() + n * s.batchStride(), per);
        }
    }

    static float[] read(float[] arena, Slice s) {
        int per = (int) s.shape().perItem();
        float[] dense = new float[(int) s.shape().size()];
        for (int n = 0; n < s.shape().n(); n++) {
            System.arraycopy(arena, s.offset() + n * s.batchStride(), dense, n * per, per);
        }
        return dense;
    }

    /** A dense tensor placed at offset 0 of a fresh arena with {@code extra} spare floats after it. */
    static float[] arenaWith(float[] dense, int extra) {
        float[] arena = new float[dense.length + extra];
        System.arraycopy(dense, 0, arena, 0, dense.length);
        return arena;
    }

    /** A kernel call writing {@code out} from {@code in}, both slices of {@code arena}. */
    @FunctionalInterface
    interface ArenaKernel {
        void run(float[] arena, Slice in, Slice out);
    }

    /** Runs {@code kernel} from dense {@code x} of shape {@code in} to a dense output of shape {@code out}; returns the output. */
    static float[] runDense(float[] x, Shape in, Shape out, ArenaKernel kernel) {
        float[] arena = arenaWith(x, (int) out.size());
        kernel.run(arena, Slice.dense(0, in), Slice.dense(x.length, out));
        return Arrays.copyOfRange(arena, x.length, arena.length);
    }

    /** Random values for every parameter of {@code g}; running variances positive, as a BatchNorm's are. */
    static Map<String, float[]> randomParams(Graph g, long seed) {
        Random rnd = new Random(seed);
        Map<String, float[]> params = new HashMap<>();
        for (ParamSpec p : g.params().values()) {
            float[] v = random(rnd, (int) p.shape().size());
            if (p.name().endsWith("running_var")) for (int i = 0; i < v.length; i++) v[i] = 0.5f + Math.abs(v[i]);
            params.put(p.name(), v);
        }
        return params;
    }

    static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2f - 1f;
        return a;
    }

    static float[] range(int from, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = from + i;
        return a;
    }
}
