package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.tensor.Shape;

/**
 * Where a logical NCHW tensor lives in a float arena: element (n, c, h, w) is at
 * {@code offset + n * batchStride + (c * H + h) * W + w}. A batch stride larger than C*H*W
 * means the tensor is a channel slice of a larger concat buffer, written in place.
 * Rank-2 tensors [N, F] use {@code offset + n * batchStride + f}.
 */
public record Slice(int offset, int batchStride, Shape shape) {

    /** A dense tensor at {@code offset}. */
    public static Slice dense(int offset, Shape shape) {
        return new Slice(offset, (int) shape.perItem(), shape);
    }

    /** Offset of batch item {@code n}, channel {@code c}. */
    public int at(int n, int c) {
        int hw = shape.rank() == 4 ? shape.h() * shape.w() : 1;
        return offset + n * batchStride + c * hw;
    }

    /** Elements of one channel plane (H*W), 1 for rank 2. */
    public int plane() {
        return shape.rank() == 4 ? shape.h() * shape.w() : 1;
    }
}
