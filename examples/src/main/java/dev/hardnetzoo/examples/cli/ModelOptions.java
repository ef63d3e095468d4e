package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Model;
import java.io.IOException;
import java.io.PrintWriter;
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

    /**
     * A note on {@code err} when the weights are {@code hardnet init}'s random ones; called once the
     * model is known to suit the command, so that a failure stays a single line.
     */
    void noteIfRandomWeights(PrintWriter err) throws IOException {
        if (weights.areRandom()) {
            err.println("note: " + weights.file + " holds random weights (hardnet init): the results below mean nothing");
            err.flush();
        }
    }
}
