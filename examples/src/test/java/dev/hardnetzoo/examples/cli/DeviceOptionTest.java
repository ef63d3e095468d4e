package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.Backends;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --device B:D}: on every command that takes {@code --backend}, checked before any model is loaded. */
class DeviceOptionTest {

    @Test
    void everyCommandWithABackendTakesADevice() {
        List<CommandLine> withBackend = HardnetCli.commandLine().getSubcommands().values().stream()
                .filter(c -> c.getCommandSpec().findOption("--backend") != null).toList();
        assertThat(withBackend).extracting(CommandLine::getCommandName)
                .contains("run", "bench", "classify", "segment", "detect", "compare");
        for (CommandLine c : withBackend) {
            assertThat(c.getCommandSpec().findOption("--device")).as(c.getCommandName()).isNotNull();
        }
    }

    @Test
    void aDeviceNotWrittenAsBackendColonDeviceIsAUsageError() {
        for (String bad : List.of("1", "gpu", "0:", ":1", "0:1:2", "-1:0")) {
            CliRun r = CliRun.of("bench", "hardnet39ds", "--backend", "tornado", "--device", bad);
            assertThat(r.exitCode).as(bad).isEqualTo(2);
            assertThat(r.err).as(bad).contains("'" + bad + "' is not a device").contains("BACKEND:DEVICE");
        }
    }

    @Test
    void aDeviceWithoutTheTornadoBackendIsRefusedInOneLine() {
        CliRun r = CliRun.of("bench", "hardnet39ds", "--device", "0:0", "--iters", "1", "--warmup", "0");
        CliRun.assertUsageError(r, "bench", "--device 0:0 chooses a TornadoVM device: it needs --backend tornado (backend 'cpu' has no device choice)");
    }

    @Test
    void aDeviceTheTornadoBackendDoesNotHaveIsRefusedListingTheValidOnes() {
        Optional<Backend> tornado = Backends.all().stream().filter(b -> b.name().equals(DevicesCommand.GPU_BACKEND)).findFirst();
        CliRun r = CliRun.of("bench", "hardnet39ds", "--backend", "tornado", "--device", "99:0", "--iters", "1", "--warmup", "0");
        if (tornado.isPresent() && tornado.get().unavailableReason().isEmpty()) {
            CliRun.assertOneLineError(r, "device '99:0' is not one of backend 'tornado''s devices; valid: "
                    + String.join(", ", tornado.get().deviceIds()));
        } else { // without the SDK the backend itself is missing, and that is what the line says
            CliRun.assertOneLineError(r, "backend 'tornado'");
        }
    }
}
