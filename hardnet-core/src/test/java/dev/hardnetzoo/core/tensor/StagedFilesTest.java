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

class StagedFilesTest {
    @TempDir Path dir;

    @Test
    void theFilesAppearTogetherOnCommit() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "old");
        Path b = dir.resolve("new/deeper/b.txt");
        try (StagedFiles staged = new StagedFiles()) {
            staged.write(a, out -> out.write("new a".getBytes()));
            staged.write(b, out -> out.write("new b".getBytes()));
            assertThat(Files.readString(a)).isEqualTo("old");
            assertThat(b).doesNotExist();
            staged.commit();
        }
        assertThat(Files.readString(a)).isEqualTo("new a");
        assertThat(Files.readString(b)).isEqualTo("new b");
        assertThat(listing(dir)).containsExactlyInAnyOrder("a.txt", "new");
        assertThat(listing(b.getParent())).containsExactly("b.txt");
    }

    @Test
    void aFailureBeforeTheCommitLeavesTheOldFilesAndNothingNew() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "old");
        assertThatThrownBy(() -> {
            try (StagedFiles staged = new StagedFiles()) {
                staged.write(a, out -> out.write("new a".getBytes()));
                staged.write(dir.resolve("new/b.txt"), out -> out.write("new b".getBytes()));
                staged.write(dir.resolve("new/deeper/c.txt"), out -> {
                    throw new IOException("disk full");
                });
                staged.commit();
            }
        }).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(a)).isEqualTo("old");
        assertThat(listing(dir)).containsExactly("a.txt");
    }

    @Test
    void aTargetThatCannotBeWrittenIsNamedAndItsFoldersAreNotMade() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = file.resolve("sub/mask.png");
        try (StagedFiles staged = new StagedFiles()) {
            assertThatThrownBy(() -> staged.write(target, out -> out.write(1))).isInstanceOf(IOException.class)
                    .hasMessage(target + ": cannot write: " + file + " is a file, not a folder");
        }
        assertThat(listing(dir)).containsExactly("notes.txt");
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
