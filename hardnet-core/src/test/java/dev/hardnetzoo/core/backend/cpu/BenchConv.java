package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;

/**
 * One conv layer set up for timing, shared by {@link KernelBenchmarks} and {@link KernelCpuRates}:
 * the kernel, a dense arena (input then output, random values) and the layer's useful work.
 * Layers are named {@code kind:inC:outC:size}, kind one of convKxK (conv1x1, conv3x3, conv7x7, ...),
 * dw3x3 (depthwise), with an {@code s2} suffix for stride 2.
 */
record BenchConv(Conv2dKernel kernel, float[] arena, Slice in, Slice out, double gflop) {

    static BenchConv of(String layer, boolean vector) {
        String[] f = layer.split(":");
        int inC = Integer.parseInt(f[1]);
        int outC = Integer.parseInt(f[2]);
        int size = Integer.parseInt(f[3]);
        boolean depthwise = f[0].startsWith("dw");
        int k = depthwise ? 3 : Integer.parseInt(f[0].substring("conv".length(), "conv".length() + 1));
        int stride = f[0].endsWith("s2") ? 2 : 1;
        int pad = k / 2;
        int outSize = (size + 2 * pad - k) / stride + 1;
        Op.Conv2d op = new Op.Conv2d(outC, k, k, stride, stride, pad, pad, 1, 1, depthwise ? inC : 1,
                "w", "b", null, Activation.RELU);
        Shape inShape = Shape.nchw(1, inC, size, size);
        Shape outShape = Shape.nchw(1, outC, outSize, outSize);
        Random rnd = new Random(1);
        float[] w = KernelTesting.random(rnd, outC * (depthwise ? 1 : inC) * k * k);
        Conv2dKernel kernel = Conv2dKernel.create(op, inShape, outShape, w, KernelTesting.random(rnd, outC), vector);
        float[] arena = KernelTesting.random(rnd, (int) (inShape.size() + outShape.size()));
        double gflop = 2.0 * outShape.size() * (depthwise ? 1 : inC) * k * k / 1e9; // 2 FLOPs per multiply-add
        return new BenchConv(kernel, arena, Slice.dense(0, inShape), Slice.dense((int) inShape.size(), outShape), gflop);
    }

    void run(Parallel par) {
        kernel.run(arena, in, out, par);
    }
}
