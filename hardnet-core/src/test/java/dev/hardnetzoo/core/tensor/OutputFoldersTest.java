package dev.hardnetzoo.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFoldersTest {
    @TempDir Path dir;

    @Test
    void checkingCreatesNothing() throws IOException {
        OutputFolders.check(dir.resolve("a/b/c.bin"));
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamedAsAFile() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        for (Path target : new Path[] {notes.resolve("x.safetensors"), notes.resolve("deeper/x.safetensors")}) {
            assertThatThrownBy(() -> OutputFolders.check(target)).isInstanceOf(IOException.class)
                    .hasMessage(target + ": cannot write: " + notes + " is a file, not a folder");
        }
    }

    @Test
    void aRelativeTargetIsNamedAsGiven() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        Path relative = Path.of("").toAbsolutePath().relativize(notes).resolve("x.safetensors");
        assertThatThrownBy(() -> OutputFolders.check(relative))
                .hasMessage(relative + ": cannot write: " + relative.getParent() + " is a file, not a folder");
    }

    @Test
    void theFoldersMadeAreRemovedUnlessKept() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("existing"));
        try (OutputFolders folders = OutputFolders.make(existing.resolve("a/b/c.bin"))) {
            assertThat(existing.resolve("a/b")).isDirectory();
        }
        assertThat(existing).isEmptyDirectory();
        try (OutputFolders folders = OutputFolders.make(existing.resolve("a/b/c.bin"))) {
            folders.keep();
        }
        assertThat(existing.resolve("a/b")).isDirectory();
    }

    @Test
    void aFailedWriteRemovesItsFoldersButNotAFolderSomethingElseFilled() throws IOException {
        assertThatThrownBy(() -> OutputFolders.write(dir.resolve("a/b/c.bin"), () -> {
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(dir).isEmptyDirectory();
        assertThatThrownBy(() -> OutputFolders.write(dir.resolve("a/b/c.bin"), () -> {
            Files.writeString(dir.resolve("a/other.txt"), "someone else's");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(dir.resolve("a/other.txt")).isRegularFile();
        assertThat(dir.resolve("a/b")).doesNotExist();
    }
}
