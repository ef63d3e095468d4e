package dev.hardnetzoo.core.weights.torch;

import dev.hardnetzoo.core.tensor.Dtype;
import java.util.Optional;

/** The typed storage classes a checkpoint names ({@code torch.FloatStorage}, …) and their element types. */
enum StorageType {
    FloatStorage(Dtype.F32), HalfStorage(Dtype.F16), BFloat16Storage(Dtype.BF16), DoubleStorage(Dtype.F64),
    LongStorage(Dtype.I64), IntStorage(Dtype.I32), ShortStorage(Dtype.I16), CharStorage(Dtype.I8),
    ByteStorage(Dtype.U8), BoolStorage(Dtype.BOOL);

    final Dtype dtype;

    StorageType(Dtype dtype) {
        this.dtype = dtype;
    }

    static Optional<StorageType> named(String name) {
        for (StorageType t : values()) if (t.name().equals(name)) return Optional.of(t);
        return Optional.empty();
    }
}
