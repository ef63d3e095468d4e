package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --weights}, shared by every command that loads a model's weights. */
final class WeightsOption {
    @Option(names = "--weights", required = true, description = "Weights: .safetensors or a PyTorch checkpoint.")
    Path file;

    /** Whether the file is a safetensors file {@code hardnet init} wrote (its metadata says so); call after loading it. */
    boolean areRandom() throws IOException {
        if (WeightFiles.detect(file) == WeightFiles.Format.TORCH_CHECKPOINT) return false;
        try (Weights w = Safetensors.open(file)) {
            return "random".equals(w.metadata().get("init"));
        }
    }
}
