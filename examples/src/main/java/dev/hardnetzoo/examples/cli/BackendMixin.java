package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads}, shared by every command that runs a model. */
final class BackendMixin {
    @Option(names = "--backend", defaultValue = Backends.DEFAULT, description = "Backend to run on (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    Integer threads;

    BackendOptions options() {
        return threads == null ? BackendOptions.defaults() : new BackendOptions(threads);
    }
}
