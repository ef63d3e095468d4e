package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.Backends;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "devices", description = {
        "List the backends on the class path and what each can run on (for the tornado backend: the devices",
        "TornadoVM sees, as BACKEND:DEVICE for --device)."})
final class DevicesCommand extends CliCommand {
    /** The optional GPU backend; built only where its SDK is installed. */
    static final String GPU_BACKEND = "tornado";

    @Override
    public Integer call() {
        List<Backend> backends = Backends.all();
        for (Backend b : backends) {
            out().println(b.name() + ":");
            List<String> devices = b.devices();
            if (devices.isEmpty()) out().println("  (no devices)");
            for (String d : devices) out().println("  " + d);
        }
        if (backends.stream().noneMatch(b -> b.name().equals(GPU_BACKEND))) {
            out().println(GPU_BACKEND + ": not built here: install the TornadoVM SDK, set TORNADOVM_HOME (its setvars.sh)"
                    + " and use a JDK 25; ./hardnet then rebuilds with it");
        }
        return 0;
    }
}
