package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code --backend}, {@code --device}, {@code --threads} and {@code --memory-limit}, shared by every command that runs a model. */
final class BackendMixin {
    @Option(names = "--backend", defaultValue = Backends.DEFAULT, description = "Backend to run on (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--device", paramLabel = "B:D", converter = DeviceId.class,
            description = "With --backend tornado: the TornadoVM device, as 'hardnet devices' lists them, e.g. 0:1 "
                    + "(default: -Dhardnet.tornado.device, else TornadoVM's default).")
    String device;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Integer threads;

    /** Checked as it is parsed: a count below one is a malformed command line (exit 2), not a failed run. */
    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    void threads(int count) {
        if (count < 1) throw new ParameterException(command.commandLine(), "--threads must be at least 1, got " + count);
        threads = count;
    }

    @Option(names = "--memory-limit", paramLabel = "SIZE", converter = MemorySize.class,
            description = "Most activation memory one run may take, e.g. 2g or 512m; larger inputs are refused "
                    + "(default: -Dhardnet.memoryLimit, else 3/4 of the heap).")
    Long memoryLimit;

    Model load(String model, Path weights) throws IOException {
        return ModelZoo.load(model, weights, backend, options());
    }

    /** The options asked for; a {@code --device} that the backend does not have fails naming the valid ones. */
    BackendOptions options() {
        BackendOptions options = threads == null ? BackendOptions.defaults() : new BackendOptions(threads);
        if (memoryLimit != null) options = options.withMemoryLimit(memoryLimit);
        if (device == null) return options;
        if (!backend.equals(DevicesCommand.GPU_BACKEND)) {
            throw new ParameterException(command.commandLine(), "--device " + device + " chooses a TornadoVM device: it needs --backend "
                    + DevicesCommand.GPU_BACKEND + " (backend '" + backend + "' has no device choice)");
        }
        Backends.requireDevice(Backends.get(backend), device);
        return options.withDevice(device);
    }

    /** BACKEND:DEVICE, two indices; anything else is a usage error (exit 2). */
    static final class DeviceId implements ITypeConverter<String> {
        private static final Pattern FORM = Pattern.compile("[0-9]+:[0-9]+");

        @Override
        public String convert(String value) {
            String id = value.strip();
            if (!FORM.matcher(id).matches()) {
                throw new TypeConversionException("'" + value + "' is not a device: give BACKEND:DEVICE as 'hardnet devices' lists them, e.g. 0:1");
            }
            return id;
        }
    }

    /** A bad size is a usage error (exit 2), like any other unparsable option. */
    static final class MemorySize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return MemoryLimit.parse(value);
            } catch (IllegalArgumentException e) {
                // MemoryLimit's message names the system property, not this option.
                throw new TypeConversionException("'" + value + "' is not a positive size such as 2g or 512m");
            }
        }
    }
}
