package dev.hardnetzoo.core.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Opens a weights file of any supported kind, telling them apart by content, not by name. */
public final class WeightFiles {
    private WeightFiles() {}

    /**
     * Opens {@code file}: our safetensors format. {@code checkpointKeys} renames legacy keys of
     * foreign checkpoints; safetensors files already carry the official names.
     */
    public static Weights open(Path file, UnaryOperator<String> checkpointKeys) throws IOException {
        if (!Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(file.toString(), null, "weights file not found");
        return Safetensors.open(file);
    }
}
