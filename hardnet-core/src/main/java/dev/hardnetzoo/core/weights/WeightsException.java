package dev.hardnetzoo.core.weights;

/**
 * A weights file that cannot be used: unreadable, malformed, or not matching the model.
 * The message names the file and the tensor(s) concerned. Unchecked, because a model cannot
 * do anything useful about it but report it.
 */
public class WeightsException extends RuntimeException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with one tensor of {@code source}. */
    public static WeightsException forTensor(String source, String tensor, String what) {
        return new WeightsException(source + ": tensor '" + tensor + "' " + what);
    }

    static WeightsException noSuchTensor(String source, String tensor) {
        return forTensor(source, tensor, "is not in the file");
    }
}
