package dev.hardnetzoo.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void replacesTheTargetWhole() throws IOException {
        Path target = dir.resolve("a.bin");
        Files.writeString(target, "old");
        AtomicFiles.write(target, out -> out.write("new".getBytes()));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(listing()).containsExactly("a.bin");
    }

    @Test
    void failureMidWriteLeavesTargetAndNoTemporary() throws IOException {
        Path target = dir.resolve("a.bin");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // past the buffer, so bytes reached the temporary file
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(listing()).containsExactly("a.bin");
    }

    @Test
    void uncheckedFailureAlsoCleansUp() throws IOException {
        Path target = dir.resolve("b.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(listing()).isEmpty();
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
