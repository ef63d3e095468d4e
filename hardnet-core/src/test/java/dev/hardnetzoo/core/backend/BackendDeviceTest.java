package dev.hardnetzoo.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing a backend's device: {@link BackendOptions#device()} checked against {@link Backend#deviceIds()}. */
class BackendDeviceTest {

    /** A backend offering the given device ids; it compiles nothing. */
    private record FakeBackend(String name, List<String> deviceIds) implements Backend {
        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public Executable compile(Graph graph, Map<String, float[]> params, BackendOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aListedDeviceOrNoneIsAccepted() {
        Backend gpu = new FakeBackend("gpu", List.of("0:0", "1:0"));
        assertThatCode(() -> Backends.requireDevice(gpu, "1:0")).doesNotThrowAnyException();
        assertThatCode(() -> Backends.requireDevice(gpu, null)).doesNotThrowAnyException();
        assertThatCode(() -> Backends.requireDevice(Backends.get("cpu"), null)).doesNotThrowAnyException();
    }

    @Test
    void anUnlistedDeviceIsRefusedNamingItAndTheValidOnes() {
        Backend gpu = new FakeBackend("gpu", List.of("0:0", "1:0"));
        assertThatThrownBy(() -> Backends.requireDevice(gpu, "0:2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device '0:2' is not one of backend 'gpu''s devices; valid: 0:0, 1:0");
    }

    @Test
    void aBackendWithoutDevicesRefusesAnyChoice() {
        assertThat(Backends.get("cpu").deviceIds()).isEmpty();
        assertThatThrownBy(() -> Backends.requireDevice(Backends.get("cpu"), "0:0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backend 'cpu' has no devices to choose from").hasMessageContaining("'0:0'");
    }

    @Test
    void theDeviceSurvivesTheOtherOptions() {
        BackendOptions options = new BackendOptions(2).withDevice("0:1").withMemoryLimit(1 << 20);
        assertThat(options.device()).isEqualTo("0:1");
        assertThat(options.threads()).isEqualTo(2);
        assertThat(options.memoryLimitBytes()).isEqualTo(1 << 20);
        assertThat(BackendOptions.defaults().device()).isNull();
    }
}
