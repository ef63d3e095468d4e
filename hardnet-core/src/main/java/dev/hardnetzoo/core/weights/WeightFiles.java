package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.torch.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Opens a weights file of any supported kind, telling them apart by content, not by name. */
public final class WeightFiles {
    private WeightFiles() {}

    /** The formats a weights file may be in. */
    public enum Format { SAFETENSORS, TORCH_CHECKPOINT }

    /**
     * Tells the format of {@code file} by its first bytes; a missing file, a folder, or a file
     * in neither format (a text file, an image) fails naming the file and what is wrong.
     */
    public static Format detect(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new FileSystemException(file.toString(), null, "is a directory, not a weights file");
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "weights file not found");
        if (TorchCheckpoint.looksLikeCheckpoint(file)) return Format.TORCH_CHECKPOINT;
        if (Safetensors.looksLikeSafetensors(file)) return Format.SAFETENSORS;
        throw new WeightsException(file + ": not a safetensors file or a PyTorch checkpoint");
    }

    /**
     * Opens {@code file}: our safetensors format, or an official PyTorch checkpoint read in
     * memory under its official names ({@code checkpointKeys} renames a family's legacy keys).
     */
    public static Weights open(Path file, UnaryOperator<String> checkpointKeys) throws IOException {
        return switch (detect(file)) {
            case TORCH_CHECKPOINT -> new MapWeights(file.toString(), renamed(file, TorchCheckpoint.read(file).tensors(), checkpointKeys));
            case SAFETENSORS -> Safetensors.open(file);
        };
    }

    /** Applies a family's key renaming, refusing two keys that become one. */
    public static Map<String, Tensor> renamed(Path file, Map<String, Tensor> tensors, UnaryOperator<String> checkpointKeys) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            String official = checkpointKeys.apply(name);
            if (out.put(official, t) != null) {
                throw new WeightsException(file + ": two tensors map to '" + official + "'");
            }
        });
        return out;
    }
}
