package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.tensor.MemoryLimit;

/**
 * An input whose activations need more memory than allowed (one arena's 8 GiB, or the
 * configured {@link MemoryLimit}), refused before anything is allocated. {@link #bytes()}
 * is what one run would need.
 */
public final class ActivationMemoryException extends IllegalArgumentException {
    private final long bytes;

    public ActivationMemoryException(long bytes, String message) {
        super(message);
        this.bytes = bytes;
    }

    /** The activation memory one run at this input would need, in bytes. */
    public long bytes() {
        return bytes;
    }
}
