package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Model;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --model} with its {@code --weights} and the backend options: what the task commands load a model from. */
final class ModelOptions {
    @Option(names = "--model", required = true, description = "Model id (list them with 'hardnet models').")
    String id;

    @Mixin
    WeightsOption weights;

    @Mixin
    BackendMixin backend;

    Model load() throws IOException {
        return backend.load(id, weights.file);
    }
}
