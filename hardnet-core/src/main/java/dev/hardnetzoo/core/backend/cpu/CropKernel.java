package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;

/** Spatial crop: each output row is one copy of part of an input row. */
final class CropKernel {
    private CropKernel() {}

    static void run(float[] arena, Slice in, Slice out, Op.Crop crop, Parallel par) {
        Shape i = in.shape();
        Shape o = out.shape();
        if (i.rank() != 4 || o.rank() != 4 || i.n() != o.n() || i.c() != o.c()
                || crop.top() < 0 || crop.left() < 0 || crop.top() + o.h() > i.h() || crop.left() + o.w() > i.w()) {
            throw new IllegalArgumentException("cannot crop " + o + " at (" + crop.top() + ", " + crop.left() + ") out of " + i);
        }
        int channels = i.c();
        par.forEach(i.n() * channels, t -> {
            int src = in.at(t / channels, t % channels) + crop.top() * i.w() + crop.left();
            int dst = out.at(t / channels, t % channels);
            for (int y = 0; y < o.h(); y++) System.arraycopy(arena, src + y * i.w(), arena, dst + y * o.w(), o.w());
        });
    }
}
