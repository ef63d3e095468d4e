package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.Backends;
import org.junit.jupiter.api.Test;

class DevicesCommandTest {

    @Test
    void listsTheCpuAndSaysWhetherTheGpuBackendIsThere() {
        CliRun r = CliRun.of("devices");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("cpu:").contains(Runtime.getRuntime().availableProcessors() + " cores");
        boolean built = Backends.all().stream().anyMatch(b -> b.name().equals(DevicesCommand.GPU_BACKEND));
        if (built) {
            assertThat(r.out).contains(DevicesCommand.GPU_BACKEND + ":").doesNotContain("not built here");
        } else {
            assertThat(r.out).contains(DevicesCommand.GPU_BACKEND + ": not built here").contains("TORNADOVM_HOME");
        }
    }
}
