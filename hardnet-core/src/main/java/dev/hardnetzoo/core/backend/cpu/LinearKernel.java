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
        // Tasks take groups of VectorDot.ROWS items (each weight row is read once per group: a batch
        // of 8 read 1024 x 1000 weights 8 times before) and a range of output features, the features
        // cut finer when there are few groups.
        int items = in.shape().n();
        int groups = (items + VectorDot.ROWS - 1) / VectorDot.ROWS;
        WorkSplit split = WorkSplit.of(groups, outF, MIN_FEATURES, par);
        par.forEach(split.tasks(), t -> {
            int n0 = split.item(t) * VectorDot.ROWS;
            int n1 = Math.min(items, n0 + VectorDot.ROWS);
            if (VectorSupport.AVAILABLE) {
                vectorFeatures(arena, in, out, weight, bias, inF, n0, n1, split.start(t), split.end(t));
            } else {
                plainFeatures(arena, in, out, weight, bias, inF, n0, n1, split.start(t), split.end(t));
            }
        });
    }

    /** Output features [o0, o1) of items [n0, n1), one pass over each weight row when they are VectorDot.ROWS. */
    private static void vectorFeatures(float[] arena, Slice in, Slice out, float[] weight, float[] bias, int inF,
                                       int n0, int n1, int o0, int o1) {
        if (n1 - n0 == VectorDot.ROWS) {
            float[] sums = Scratch.floats(VectorDot.ROWS);
            int x = in.at(n0, 0);
            int stride = in.batchStride();
            for (int o = o0; o < o1; o++) {
                VectorDot.dot4(arena, x, x + stride, x + 2 * stride, x + 3 * stride, weight, o * inF, inF, sums);
                for (int r = 0; r < VectorDot.ROWS; r++) {
                    arena[out.at(n0 + r, o)] = bias == null ? sums[r] : sums[r] + bias[o];
                }
            }
            return;
        }
        for (int n = n0; n < n1; n++) {
            int x = in.at(n, 0);
            for (int o = o0; o < o1; o++) {
                float sum = VectorDot.dot(arena, x, weight, o * inF, inF);
                arena[out.at(n, o)] = bias == null ? sum : sum + bias[o];
            }
        }
    }

    private static void plainFeatures(float[] arena, Slice in, Slice out, float[] weight, float[] bias, int inF,
                                      int n0, int n1, int o0, int o1) {
        for (int n = n0; n < n1; n++) {
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
