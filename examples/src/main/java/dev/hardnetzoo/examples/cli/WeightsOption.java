package dev.hardnetzoo.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --weights}, shared by every command that loads a model's weights. */
final class WeightsOption {
    @Option(names = "--weights", required = true, description = "Weights: .safetensors or a PyTorch checkpoint.")
    Path file;
}
