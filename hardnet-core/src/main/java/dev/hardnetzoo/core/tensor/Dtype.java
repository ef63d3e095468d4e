package dev.hardnetzoo.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Element types of stored tensors, spelled as safetensors spells them. Files (safetensors,
 * npy) store other types, but the engine computes in float32, so each one knows how to
 * decode little-endian bytes to float.
 */
public enum Dtype {
    F32(4, true), F16(2, true), BF16(2, true), F64(8, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int size;
    private final boolean floating;

    Dtype(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int size() { return size; }

    /** True for the floating-point types a model parameter may be stored in. */
    public boolean isFloat() { return floating; }

    /** The type with this safetensors name (case-sensitive, as the format is). */
    public static Optional<Dtype> named(String name) {
        for (Dtype d : values()) if (d.name().equals(name)) return Optional.of(d);
        return Optional.empty();
    }

    /**
     * Decodes {@code count} little-endian elements from {@code src}'s position into
     * {@code dst[offset..]}, converting to float32. {@code src}'s position is not changed.
     */
    public void decode(ByteBuffer src, float[] dst, int offset, int count) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case F32 -> b.asFloatBuffer().get(dst, offset, count);
            case F64 -> { var v = b.asDoubleBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = (float) v.get(i); }
            case F16 -> { var v = b.asShortBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = Float.float16ToFloat(v.get(i)); }
            // bfloat16 is the top half of a float32's bits.
            case BF16 -> { var v = b.asShortBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = Float.intBitsToFloat((v.get(i) & 0xFFFF) << 16); }
            case I64 -> { var v = b.asLongBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = v.get(i); }
            case I32 -> { var v = b.asIntBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = v.get(i); }
            case I16 -> { var v = b.asShortBuffer(); for (int i = 0; i < count; i++) dst[offset + i] = v.get(i); }
            case I8 -> { for (int i = 0; i < count; i++) dst[offset + i] = b.get(i); }
            case U8 -> { for (int i = 0; i < count; i++) dst[offset + i] = b.get(i) & 0xFF; }
            case BOOL -> { for (int i = 0; i < count; i++) dst[offset + i] = b.get(i) != 0 ? 1f : 0f; }
        }
    }
}
