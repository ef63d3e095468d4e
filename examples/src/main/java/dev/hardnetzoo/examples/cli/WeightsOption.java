package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.weights.Weights;
import java.io.IOException;
import java.io.PrintWriter;
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

    /**
     * A note on {@code err} when the weights are {@code hardnet init}'s random ones; called once the
     * model is known to suit the command, so that a failure stays a single line.
     */
    void noteIfRandom(PrintWriter err) throws IOException {
        if (areRandom()) {
            err.println("note: " + file + " holds random weights (hardnet init): the results below mean nothing");
            err.flush();
        }
    }
}
