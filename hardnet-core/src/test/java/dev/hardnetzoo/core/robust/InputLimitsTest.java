package dev.hardnetzoo.core.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.plan.ActivationMemoryException;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Inputs a model cannot take are refused before any work, saying why (and, for memory, how much). */
class InputLimitsTest {

    private static Model hardnet39ds(BackendOptions options) throws Exception {
        return ModelZoo.load("hardnet39ds", RefData.ref("hardnet39ds.safetensors"), Backends.DEFAULT, options);
    }

    @Test
    void tooSmallForTheStridesAndWrongChannelsAreRefusedWithTheReason() throws Exception {
        try (Model m = hardnet39ds(new BackendOptions(1))) {
            assertThatThrownBy(() -> m.executable(Shape.nchw(1, 3, 16, 64))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hardnet39ds needs inputs of at least 32x32, got 16x64");
            assertThatThrownBy(() -> m.executable(Shape.nchw(1, 4, 64, 64)))
                    .hasMessageContaining("hardnet39ds takes 3 input channels, got 4");
        }
    }

    @Test
    void a100kBy100kInputIsRefusedAtOnceWithTheMemoryItNeeds() throws Exception {
        try (Model m = hardnet39ds(new BackendOptions(1))) {
            Shape huge = Shape.nchw(1, 3, 100_000, 100_000);
            ActivationMemoryException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> (ActivationMemoryException) org.junit.jupiter.api.Assertions.assertThrows(
                            ActivationMemoryException.class, () -> m.executable(huge)));
            System.out.println("100k x 100k: " + e.getMessage());
            assertThat(e.bytes()).isGreaterThan(3L * 100_000 * 100_000 * Float.BYTES);
            assertThat(e.getMessage()).contains("hardnet39ds at input [1, 3, 100000, 100000] needs")
                    .containsPattern("needs [0-9.]+ GiB of activation memory per run").contains("over the memory limit of");
        }
    }

    @Test
    void theConfiguredLimitDecidesWhichSizesRun() throws Exception {
        long need64;
        try (Model m = hardnet39ds(new BackendOptions(1))) {
            need64 = dev.hardnetzoo.core.plan.MemoryPlanner.plan(
                    dev.hardnetzoo.core.passes.Passes.optimize(m.graph(Shape.nchw(1, 3, 64, 64)))).peakActivationBytes();
        }
        try (Model m = hardnet39ds(new BackendOptions(1, need64))) {
            assertThat(m.run(Tensor.zeros(Shape.nchw(1, 3, 64, 64))).shape()).isEqualTo(Shape.of(1, 1000));
            assertThatThrownBy(() -> m.run(Tensor.zeros(Shape.nchw(1, 3, 96, 96))))
                    .isInstanceOf(ActivationMemoryException.class)
                    .hasMessageContaining("over the memory limit of " + MemoryLimit.format(need64));
        }
    }

    @Test
    void theSystemPropertySetsTheDefaultLimit() {
        String before = System.getProperty(MemoryLimit.PROPERTY);
        try {
            System.setProperty(MemoryLimit.PROPERTY, "3m");
            assertThat(new BackendOptions(2).memoryLimitBytes()).isEqualTo(3L << 20);
            System.setProperty(MemoryLimit.PROPERTY, "lots");
            assertThatThrownBy(() -> new BackendOptions(2)).hasMessageContaining("hardnet.memoryLimit must be a positive size");
        } finally {
            if (before == null) System.clearProperty(MemoryLimit.PROPERTY);
            else System.setProperty(MemoryLimit.PROPERTY, before);
        }
        assertThat(MemoryLimit.parse("2g")).isEqualTo(2L << 30);
        assertThat(MemoryLimit.parse("512K")).isEqualTo(512L << 10);
        assertThat(MemoryLimit.parse("1000")).isEqualTo(1000);
        assertThat(MemoryLimit.format(3L << 30)).isEqualTo("3.0 GiB");
        assertThatThrownBy(() -> MemoryLimit.parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryLimit.parse("99999999999t")).isInstanceOf(IllegalArgumentException.class);
    }
}
