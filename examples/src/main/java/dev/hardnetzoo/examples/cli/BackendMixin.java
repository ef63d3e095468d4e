package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --backend}, {@code --threads} and {@code --memory-limit}, shared by every command that runs a model. */
final class BackendMixin {
    @Option(names = "--backend", defaultValue = Backends.DEFAULT, description = "Backend to run on (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE", converter = MemorySize.class,
            description = "Most activation memory one run may take, e.g. 2g or 512m; larger inputs are refused "
                    + "(default: -Dhardnet.memoryLimit, else 3/4 of the heap).")
    Long memoryLimit;

    Model load(String model, Path weights) throws IOException {
        return ModelZoo.load(model, weights, backend, options());
    }

    BackendOptions options() {
        BackendOptions options = threads == null ? BackendOptions.defaults() : new BackendOptions(threads);
        return memoryLimit == null ? options : options.withMemoryLimit(memoryLimit);
    }

    /** A bad size is a usage error (exit 2), like any other unparsable option. */
    static final class MemorySize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return MemoryLimit.parse(value);
        }
    }
}
