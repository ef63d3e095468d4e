package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;

/**
 * SSD's L2Norm: {@code out = weight[c] * x / (sqrt(sum_c x^2) + eps)} at every position.
 * Positions are split among tasks; channels are walked in the outer loop so that every pass
 * reads a contiguous run of one plane. {@code out} may be {@code in}.
 */
public final class L2NormKernel {
    /** Positions per task at least. */
    private static final int MIN_POSITIONS = 1024;
    /** Positions handled together, bounding the per-thread scratch. */
    private static final int CHUNK = 1024;

    private L2NormKernel() {}

    public static void run(float[] arena, Slice in, Slice out, float[] weight, float eps, Parallel par) {
        Shape s = in.shape();
        if (!s.equals(out.shape()) || s.rank() != 4 || weight.length != s.c()) {
            throw new IllegalArgumentException("L2Norm of " + s + " -> " + out.shape() + " with " + weight.length + " weights");
        }
        int channels = s.c();
        int plane = in.plane();
        WorkSplit split = WorkSplit.of(s.n(), plane, MIN_POSITIONS, par);
        par.forEach(split.tasks(), t -> {
            int n = split.item(t);
            for (int i0 = split.start(t); i0 < split.end(t); i0 += CHUNK) {
                int m = Math.min(CHUNK, split.end(t) - i0);
                float[] inv = Scratch.floats(m);
                Arrays.fill(inv, 0, m, 0f);
                for (int c = 0; c < channels; c++) {
                    int row = in.at(n, c) + i0;
                    for (int i = 0; i < m; i++) inv[i] += arena[row + i] * arena[row + i];
                }
                for (int i = 0; i < m; i++) inv[i] = 1f / ((float) Math.sqrt(inv[i]) + eps);
                for (int c = 0; c < channels; c++) {
                    int src = in.at(n, c) + i0;
                    int dst = out.at(n, c) + i0;
                    float w = weight[c];
                    for (int i = 0; i < m; i++) arena[dst + i] = w * (arena[src + i] * inv[i]);
                }
            }
        });
    }
}
