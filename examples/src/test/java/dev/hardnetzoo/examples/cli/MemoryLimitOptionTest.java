package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --memory-limit}: an input over it is refused in one line saying how much it needs; a bad size is a usage error. */
class MemoryLimitOptionTest {
    @TempDir Path tmp;

    @Test
    void anInputOverTheLimitIsRefusedWithTheMemoryItNeeds() throws Exception {
        Path w = tmp.resolve("w.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", w.toString()).exitCode).isZero();
        Path in = tmp.resolve("in.npy");
        Npy.write(in, Tensor.zeros(Shape.nchw(1, 3, 64, 64)));
        Path out = tmp.resolve("out.npy");

        CliRun refused = CliRun.of("run", "hardnet39ds", "--weights", w.toString(), "--input", in.toString(),
                "--output", out.toString(), "--threads", "1", "--memory-limit", "256k");
        assertThat(refused.exitCode).isEqualTo(1);
        assertThat(refused.err).startsWith("hardnet: ").containsPattern("needs [0-9.]+ KiB of activation memory")
                .contains("over the memory limit of 256.0 KiB");
        assertThat(refused.err.strip().lines()).hasSize(1);
        assertThat(out).doesNotExist();

        CliRun ran = CliRun.of("run", "hardnet39ds", "--weights", w.toString(), "--input", in.toString(),
                "--output", out.toString(), "--threads", "1", "--memory-limit", "64m");
        assertThat(ran.exitCode).isZero();
        assertThat(out).exists();
    }

    @Test
    void anUnreadableSizeIsAUsageError() {
        CliRun r = CliRun.of("run", "hardnet39ds", "--weights", "w", "--input", "i", "--output", "o", "--memory-limit", "lots");
        CliRun.assertUsageError(r, "run", "Invalid value for option '--memory-limit': 'lots' is not a positive size such as 2g or 512m");
    }
}
