package dev.hardnetzoo.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void aDirectoryTargetIsNamedNotTheTemporary() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessage(target + ": is a directory, not a file");
        assertThat(listing()).containsExactly("out");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("no/such/a.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessage(target + ": cannot write: folder " + dir.resolve("no/such") + " does not exist");
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamedAsAFile() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = notes.resolve("a.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessage(target + ": cannot write: " + notes + " is a file, not a folder");
    }

    @Test
    void anUnwritableFolderNamesTheTarget() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assumeTrue(readOnly.toFile().setWritable(false, false) && !Files.isWritable(readOnly), "running as root");
        Path target = readOnly.resolve("a.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessage(target + ": cannot write: permission denied");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
