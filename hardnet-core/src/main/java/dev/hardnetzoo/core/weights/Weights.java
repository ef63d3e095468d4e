package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Map;
import java.util.Set;

/**
 * A set of named tensors (official PyTorch state_dict keys) with the file's metadata.
 * Every module loads its weights through this interface. Closing releases the file.
 */
public interface Weights extends AutoCloseable {

    /** Where the tensors come from (a file path, or a description), for error messages. */
    String source();

    Set<String> names();

    /** Shape of a tensor as stored. */
    Shape shape(String name);

    /** Data type as stored (safetensors spelling: F32, F16, BF16, F64, I64, ...). */
    String dtype(String name);

    /** The tensor converted to float32 (a fresh copy). */
    Tensor tensor(String name);

    /** The {@code __metadata__} map (model id, config); empty when there is none. */
    Map<String, String> metadata();

    @Override
    void close();
}
