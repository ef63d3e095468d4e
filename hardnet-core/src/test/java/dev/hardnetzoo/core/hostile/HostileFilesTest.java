package dev.hardnetzoo.core.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.weights.WeightsException;
import dev.hardnetzoo.core.weights.torch.CheckpointException;
import dev.hardnetzoo.core.weights.torch.TorchCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the hostile corpus ends in a clear exception naming the file and the problem, quickly. */
class HostileFilesTest {
    @TempDir Path tmp;

    static Stream<HostileFile> corpus() {
        return HostileFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAMessageNamingTheProblem(HostileFile hostile) throws Exception {
        Path file = Files.write(tmp.resolve(hostile.name()), hostile.content().bytes());
        Path outside = Path.of("/tmp/hardnet-pwned");
        boolean existedBefore = Files.exists(outside);
        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                Parsers.readFully(hostile.kind(), file);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(thrown).as("%s must be refused", hostile.name()).isNotNull();
        assertThat(Parsers.isClearFailure(thrown)).as("%s ended in %s", hostile.name(), thrown).isTrue();
        assertThat(thrown).hasMessageContaining(file.getFileName().toString()).hasMessageContaining(hostile.expected());
        System.out.printf("%-36s -> %s%n", hostile.name(), thrown.getMessage().replace(tmp + "/", ""));
        assertThat(Files.exists(outside)).as("nothing written outside the target").isEqualTo(existedBefore);
    }

    @Test
    void aOnePixelImageIsFine() throws Exception {
        Path file = Files.write(tmp.resolve("one.png"), HostileFiles.onePixelPng());
        RgbImage image = Images.read(file);
        assertThat(image.width()).isEqualTo(1);
        assertThat(image.height()).isEqualTo(1);
        assertThat(image.get(0, 0, 0)).isEqualTo(255);
    }

    @Test
    void anImageWithinTheSizeCapsButOverTheMemoryLimitIsRefusedBeforeDecoding() throws Exception {
        Path file = Files.write(tmp.resolve("big.png"), HostileFiles.png(10_000, 10_000));
        String before = System.getProperty(MemoryLimit.PROPERTY);
        System.setProperty(MemoryLimit.PROPERTY, "64m");
        try {
            assertThatThrownBy(() -> Images.read(file)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("big.png claims 10000x10000 pixels, which need 667.6 MiB to decode")
                    .hasMessageContaining("over the memory limit of 64.0 MiB");
        } finally {
            if (before == null) System.clearProperty(MemoryLimit.PROPERTY);
            else System.setProperty(MemoryLimit.PROPERTY, before);
        }
    }

    @Test
    void manyTensorsViewingOneStorageAreRefusedOverTheMemoryLimit() throws Exception {
        // One 4 MiB storage, viewed whole by 64 tensors: 256 MiB from a 4 MiB file.
        PickleBuilder p = new PickleBuilder().proto(2).emptyDict();
        for (int i = 0; i < 64; i++) p.tensorEntry("t" + i, "FloatStorage", "0", 1 << 20, false, 0, new long[] {1 << 20}, new long[] {1});
        Path file = Files.write(tmp.resolve("amplified.pth"), TorchFiles.zip(p.stop().bytes(), Map.of("0", TorchFiles.floats(1 << 20, 0.5f))));
        String before = System.getProperty(MemoryLimit.PROPERTY);
        System.setProperty(MemoryLimit.PROPERTY, "64m");
        try {
            assertThatThrownBy(() -> TorchCheckpoint.read(file)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("amplified.pth").hasMessageContaining("over the memory limit of 64.0 MiB");
        } finally {
            if (before == null) System.clearProperty(MemoryLimit.PROPERTY);
            else System.setProperty(MemoryLimit.PROPERTY, before);
        }
        assertThat(TorchCheckpoint.read(file).tensors()).hasSize(64); // under the default limit it loads
    }

    @Test
    void aWellFormedHandMadeCheckpointLoadsInBothLayouts() throws Exception {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("conv.weight", new long[] {2, 3});
        shapes.put("conv.bias", new long[] {2});
        byte[] zip = TorchFiles.zip(TorchFiles.stateDict(false, shapes), Map.of("0", TorchFiles.floats(6, 1.5f), "1", TorchFiles.floats(2, -1f)));
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", TorchFiles.floats(6, 1.5f));
        storages.put("1", TorchFiles.floats(2, -1f));
        byte[] legacy = TorchFiles.legacy(TorchFiles.stateDict(true, shapes), storages, Map.of("0", 6L, "1", 2L));
        for (byte[] bytes : new byte[][] {zip, legacy}) {
            var contents = TorchCheckpoint.read(Files.write(tmp.resolve("ok.pth"), bytes));
            assertThat(contents.tensors().keySet()).containsExactly("conv.weight", "conv.bias");
            assertThat(contents.tensors().get("conv.weight").data()).containsOnly(1.5f);
            assertThat(contents.tensors().get("conv.bias").data()).containsOnly(-1f);
        }
    }

    @Test
    void weightsExceptionIsTheCommonTypeForWeightFiles() {
        assertThat(WeightsException.class).isAssignableFrom(CheckpointException.class);
    }
}
