package dev.hardnetzoo.core.hostile;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.Weights;
import dev.hardnetzoo.core.weights.WeightsException;
import dev.hardnetzoo.core.weights.torch.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/** Every parser of outside input, driven to read a file completely, as a user's program would. */
public final class Parsers {
    /** The file formats read from outside. */
    public enum Kind { SAFETENSORS, CHECKPOINT, NPY, IMAGE }

    private Parsers() {}

    /**
     * Parses {@code file} as {@code kind} and touches everything it holds. The only acceptable
     * failures are {@link WeightsException} (weights and checkpoints) and {@link IOException}.
     */
    public static void readFully(Kind kind, Path file) throws IOException {
        switch (kind) {
            case SAFETENSORS -> {
                try (Weights w = Safetensors.open(file)) {
                    w.metadata();
                    for (String name : w.names()) {
                        w.shape(name);
                        w.tensor(name);
                    }
                }
            }
            case CHECKPOINT -> TorchCheckpoint.read(file);
            case NPY -> Npy.read(file);
            case IMAGE -> Images.read(file);
        }
    }

    /** True for the exceptions a parser may end with: clear, checked or ours, never a crash. */
    public static boolean isClearFailure(Throwable t) {
        return t instanceof WeightsException || t instanceof IOException;
    }
}
