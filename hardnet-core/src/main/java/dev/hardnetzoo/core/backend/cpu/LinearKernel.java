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
        boolean vector = VectorSupport.AVAILABLE;
        WorkSplit split = WorkSplit.of(in.shape().n(), outF, MIN_FEATURES, par);
        par.forEach(split.tasks(), t -> {
            int n = split.item(t);
            int x = in.at(n, 0);
            int y = out.at(n, 0);
            for (int o = split.start(t); o < split.end(t); o++) {
                int w = o * inF;
                float sum = 0f;
                if (vector) {
                    sum = VectorDot.dot(arena, x, weight, w, inF);
                } else {
                    for (int i = 0; i < inF; i++) sum += arena[x + i] * weight[w + i];
                }
                arena[y + o] = bias == null ? sum : sum + bias[o];
            }
        });
    }
}
