package dev.hardnetzoo.hardnetseg;

import dev.hardnetzoo.core.backend.cpu.Parallel;
import dev.hardnetzoo.core.backend.cpu.ResizeKernel;
import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.function.IntConsumer;

/** From logits to a class map: bilinear resize to the image size where needed, then per-pixel argmax. */
public final class ClassMaps {
    /** Runs the resize on the calling thread: it is a small part of a segmentation's time. */
    private static final Parallel INLINE = new Parallel() {
        @Override public int threads() { return 1; }

        @Override public void forEach(int tasks, IntConsumer body) {
            for (int i = 0; i < tasks; i++) body.accept(i);
        }
    };

    private ClassMaps() {}

    /**
     * Logits [1, C, h, w] resized to [1, C, height, width] as {@code F.interpolate(mode="bilinear",
     * align_corners=True)} (what FC-HarDNet and HRNet's Cityscapes configs use); the same tensor when
     * already that size.
     */
    public static Tensor resize(Tensor logits, int height, int width) {
        Shape s = logits.shape();
        if (s.rank() != 4 || s.n() != 1) throw new IllegalArgumentException("logits must be [1, C, H, W], got " + s);
        if (s.h() == height && s.w() == width) return logits;
        Shape target = Shape.nchw(1, s.c(), height, width);
        float[] arena = new float[Math.toIntExact(s.size() + target.size())];
        System.arraycopy(logits.data(), 0, arena, 0, logits.size());
        Slice in = Slice.dense(0, s);
        Slice out = Slice.dense(logits.size(), target);
        ResizeKernel.bilinear(arena, in, out, new Op.Resize(height, width, true, 0, 0), INLINE);
        float[] data = new float[Math.toIntExact(target.size())];
        System.arraycopy(arena, logits.size(), data, 0, data.length);
        return new Tensor(target, data);
    }

    /** The index of the largest logit per pixel of [1, C, H, W] (the first on ties, as torch.max). */
    public static int[] argmax(Tensor logits) {
        Shape s = logits.shape();
        if (s.rank() != 4 || s.n() != 1) throw new IllegalArgumentException("logits must be [1, C, H, W], got " + s);
        int plane = s.h() * s.w();
        float[] d = logits.data();
        int[] best = new int[plane];
        float[] max = new float[plane];
        System.arraycopy(d, 0, max, 0, plane);
        for (int c = 1; c < s.c(); c++) {
            int base = c * plane;
            for (int p = 0; p < plane; p++) {
                float v = d[base + p];
                if (v > max[p]) {
                    max[p] = v;
                    best[p] = c;
                }
            }
        }
        return best;
    }
}
