package dev.hardnetzoo.core.weights.torch;

import dev.hardnetzoo.core.weights.WeightsException;

/** A PyTorch checkpoint that cannot be read safely: malformed, truncated, or asking for code we refuse to run. */
public final class CheckpointException extends WeightsException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
