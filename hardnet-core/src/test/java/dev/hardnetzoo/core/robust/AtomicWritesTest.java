package dev.hardnetzoo.core.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.Safetensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every writer of the SDK (weights for init and convert, .npy for run, PNG for segmentation
 * masks; the ONNX export goes through the same AtomicFiles) leaves either the old file or the
 * whole new one: an interrupted or failed write leaves no partial file and no temporary.
 */
class AtomicWritesTest {
    @TempDir Path dir;

    enum Writer {
        SAFETENSORS("w.safetensors") {
            @Override void write(Path file) throws IOException {
                Safetensors.write(file, Map.of("w", new Tensor(Shape.of(1 << 20), new float[1 << 20])), Map.of("model", "x"));
            }
        },
        NPY("out.npy") {
            @Override void write(Path file) throws IOException {
                Npy.write(file, new Tensor(Shape.of(1 << 20), new float[1 << 20]));
            }
        },
        PNG("mask.png") {
            @Override void write(Path file) throws IOException {
                Images.writePng(file, new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB));
            }
        };

        final String fileName;

        Writer(String fileName) {
            this.fileName = fileName;
        }

        abstract void write(Path file) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void anInterruptedWriteLeavesTheOldFileAndNoTemporary(Writer writer) throws Exception {
        Path target = Files.writeString(dir.resolve(writer.fileName), "old contents");
        Thread.currentThread().interrupt(); // the channel's first write fails with ClosedByInterruptException
        try {
            assertThatThrownBy(() -> writer.write(target)).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readString(target)).isEqualTo("old contents");
        assertThat(listing()).containsExactly(writer.fileName);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void aWriteThatCannotReplaceTheTargetLeavesNoTemporary(Writer writer) throws Exception {
        Path target = Files.createDirectories(dir.resolve(writer.fileName));
        Files.writeString(target.resolve("keep"), "x"); // a non-empty directory cannot be replaced
        assertThatThrownBy(() -> writer.write(target)).isInstanceOf(IOException.class);
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
        assertThat(listing()).containsExactly(writer.fileName);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void aSuccessfulWriteReplacesTheFileWhole(Writer writer) throws Exception {
        Path target = Files.writeString(dir.resolve(writer.fileName), "old contents");
        writer.write(target);
        assertThat(Files.size(target)).isGreaterThan(100);
        assertThat(listing()).containsExactly(writer.fileName);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
