package dev.hardnetzoo.core.backend.cpu;

/** Fully connected layer on [N, in] slices: out = in * weight^T + bias (Vector API dot products when available). */
public final class LinearKernel {
    /** Output features per task at least. */
    private static final int MIN_FEATURES = 16;

    private LinearKernel() {}

    /**
     * @param weight [out, in], PyTorch layout
     * @param bias   [out] or null
     */
    public static void run(float[] arena, Slice in, Slice out, float[] weight, float[] bias, Parallel par) {
        if (in.shape().rank() != 2 || out.shape().rank() != 2 || in.shape().n() != out.shape().n()) {
            throw new IllegalArgumentException("linear needs [N, F] slices, got " + in.shape() + " -> " + out.shape());
        }
        int inF = in.shape().c();
        int outF = out.shape().c();
        if (weight.length != inF * outF || (bias != null && bias.length != outF)) {
            throw new IllegalArgumentException("linear " + inF + " -> " + outF + " with weight of "
                    + weight.length + (bias == null ? "" : " and bias of " + bias.length));
        }
        // Tasks split the output features, every task taking all items: weights are the traffic, and
        // each weight row is read once per VectorDot.ROWS items (a batch of 8 read 1024 x 1000 weights
        // 8 times before).
        WorkSplit split = WorkSplit.of(1, outF, MIN_FEATURES, par);
        int items = in.shape().n();
        par.forEach(split.tasks(), t -> {
            if (VectorSupport.AVAILABLE) {
                vectorFeatures(arena, in, out, weight, bias, inF, items, split.start(t), split.end(t));
            } else {
                plainFeatures(arena, in, out, weight, bias, inF, items, split.start(t), split.end(t));
            }
        });
    }

    /** Output features [o0, o1) of every item, up to VectorDot.ROWS items per pass over a weight row. */
    private static void vectorFeatures(float[] arena, Slice in, Slice out, float[] weight, float[] bias, int inF,
                                       int items, int o0, int o1) {
        float[] sums = Scratch.floats(VectorDot.ROWS);
        int n = 0;
        for (; n + VectorDot.ROWS <= items; n += VectorDot.ROWS) {
            int x = in.at(n, 0);
            int stride = in.batchStride();
            for (int o = o0; o < o1; o++) {
                VectorDot.dot4(arena, x, x + stride, x + 2 * stride, x + 3 * stride, weight, o * inF, inF, sums);
                for (int r = 0; r < VectorDot.ROWS; r++) {
                    arena[out.at(n + r, o)] = bias == null ? sums[r] : sums[r] + bias[o];
                }
            }
        }
        for (; n < items; n++) {
            int x = in.at(n, 0);
            for (int o = o0; o < o1; o++) {
                float sum = VectorDot.dot(arena, x, weight, o * inF, inF);
                arena[out.at(n, o)] = bias == null ? sum : sum + bias[o];
            }
        }
    }

    private static void plainFeatures(float[] arena, Slice in, Slice out, float[] weight, float[] bias, int inF,
                                      int items, int o0, int o1) {
        for (int n = 0; n < items; n++) {
            int x = in.at(n, 0);
            for (int o = o0; o < o1; o++) {
                int w = o * inF;
                float sum = 0f;
                for (int i = 0; i < inF; i++) sum += arena[x + i] * weight[w + i];
                arena[out.at(n, o)] = bias == null ? sum : sum + bias[o];
            }
        }
    }
}
