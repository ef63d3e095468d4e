package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;

/**
 * One pooling layer set up for timing, shared by {@link KernelBenchmarks} and {@link KernelCpuRates}:
 * the op, a dense arena (input then output, random values) and the layer's work in G window-element
 * operations. Layers are named {@code kind:channels:size}, kind one of max3x3s2 (padding 1),
 * max2x2s2, avg3x3s2, avg2x2s2 (count_include_pad).
 */
record BenchPool(Op.MaxPool max, Op.AvgPool avg, float[] arena, Slice in, Slice out, double gops) {

    static BenchPool of(String layer) {
        String[] f = layer.split(":");
        int c = Integer.parseInt(f[1]);
        int size = Integer.parseInt(f[2]);
        int k = f[0].contains("3x3") ? 3 : 2;
        int pad = k == 3 ? 1 : 0;
        int outSize = (size + 2 * pad - k) / 2 + 1;
        boolean isMax = f[0].startsWith("max");
        Op.MaxPool max = isMax ? new Op.MaxPool(k, k, 2, 2, pad, pad, false) : null;
        Op.AvgPool avg = isMax ? null : new Op.AvgPool(k, k, 2, 2, pad, pad, false, true);
        Shape inShape = Shape.nchw(1, c, size, size);
        Shape outShape = Shape.nchw(1, c, outSize, outSize);
        float[] arena = KernelTesting.random(new Random(2), (int) (inShape.size() + outShape.size()));
        return new BenchPool(max, avg, arena, Slice.dense(0, inShape), Slice.dense((int) inShape.size(), outShape),
                (double) outShape.size() * k * k / 1e9);
    }

    void run(Parallel par) {
        if (max != null) PoolKernels.maxPool(arena, in, out, max, par);
        else PoolKernels.avgPool(arena, in, out, avg, par);
    }
}
