package dev.hardnetzoo.core.tensor;

import java.util.Arrays;

/** An immutable tensor shape. Activations are NCHW (rank 4) or [N, features] (rank 2). */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public static Shape nchw(int n, int c, int h, int w) {
        return new Shape(new int[] {n, c, h, w});
    }

    public int rank() { return dims.length; }
    public int dim(int i) { return dims[i]; }
    public int[] dims() { return dims.clone(); }

    /** Batch, channels, height, width of a rank-4 shape (channels = features for rank 2). */
    public int n() { return dims[0]; }
    public int c() { return dims[1]; }
    public int h() { requireRank4(); return dims[2]; }
    public int w() { requireRank4(); return dims[3]; }

    /** Elements per batch item. */
    public long perItem() {
        long s = 1;
        for (int i = 1; i < dims.length; i++) s *= dims[i];
        return s;
    }

    public long size() {
        long s = 1;
        for (int d : dims) s *= d;
        return s;
    }

    /** Same shape with a different batch size. */
    public Shape withBatch(int n) {
        int[] d = dims.clone();
        d[0] = n;
        return new Shape(d);
    }

    private void requireRank4() {
        if (dims.length != 4) throw new IllegalStateException("shape " + this + " is not NCHW");
    }

    @Override public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override public int hashCode() { return Arrays.hashCode(dims); }

    @Override public String toString() { return Arrays.toString(dims); }
}
