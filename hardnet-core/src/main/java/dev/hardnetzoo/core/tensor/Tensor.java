package dev.hardnetzoo.core.tensor;

import java.util.Objects;

/** A dense float32 tensor in row-major (C) order; activations are NCHW. */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    public Tensor(Shape shape, float[] data) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.data = Objects.requireNonNull(data, "data");
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size()
                    + " elements but data has " + data.length);
        }
    }

    public static Tensor zeros(Shape shape) {
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + shape + " is too large for one array");
        }
        return new Tensor(shape, new float[(int) shape.size()]);
    }

    public static Tensor of(float[] data, int... dims) {
        return new Tensor(Shape.of(dims), data);
    }

    public Shape shape() { return shape; }

    /** The backing array (not a copy): callers that keep it must not modify a shared tensor. */
    public float[] data() { return data; }

    public int size() { return data.length; }

    public float get(int... idx) { return data[index(idx)]; }

    public void set(float v, int... idx) { data[index(idx)] = v; }

    public Tensor reshape(int... dims) {
        return new Tensor(Shape.of(dims), data);
    }

    /** Batch item {@code n} as a tensor of batch size 1 (copied). */
    public Tensor item(int n) {
        int per = (int) shape.perItem();
        float[] out = new float[per];
        System.arraycopy(data, n * per, out, 0, per);
        return new Tensor(shape.withBatch(1), out);
    }

    private int index(int[] idx) {
        if (idx.length != shape.rank()) {
            throw new IllegalArgumentException("index of rank " + idx.length + " for shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("index " + idx[i] + " out of range for dim " + i + " of " + shape);
            }
            flat = flat * shape.dim(i) + idx[i];
        }
        return flat;
    }

    @Override public String toString() { return "Tensor" + shape; }
}
