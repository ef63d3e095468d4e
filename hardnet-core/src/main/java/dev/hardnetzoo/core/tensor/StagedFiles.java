package dev.hardnetzoo.core.tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Output files that appear together or not at all. Each is written whole to a temporary file
 * beside its target (its missing folders made, see {@link OutputFolders}), and {@link #commit}
 * renames them all into place. Closing without a commit deletes the temporaries and the folders
 * made for them: a command that fails half-way through its outputs leaves the files that were
 * there as they were, and nothing new. Not thread-safe.
 */
public final class StagedFiles implements AutoCloseable {
    private record Staged(Path target, Path temporary, OutputFolders folders) {}

    private final List<Staged> staged = new ArrayList<>();
    private boolean committed;

    /** Writes {@code body} for {@code target}; nothing appears at {@code target} before {@link #commit}. */
    public void write(Path target, AtomicFiles.Body body) throws IOException {
        OutputFolders folders = OutputFolders.make(target);
        try {
            staged.add(new Staged(target, AtomicFiles.writeTemporary(target, body), folders));
        } catch (Throwable t) {
            folders.removeAfter(t);
            throw t;
        }
    }

    /**
     * Renames every file into place. The contents are on disk already and each rename stays
     * within a folder, so this fails only if the file system does.
     */
    public void commit() throws IOException {
        for (Staged s : staged) AtomicFiles.moveIntoPlace(s.temporary(), s.target());
        committed = true;
        for (Staged s : staged) s.folders().keep();
    }

    /** Without a commit: deletes the temporaries, then the folders made for them, the last made first. */
    @Override
    public void close() throws IOException {
        if (committed) return;
        IOException failure = new IOException("cannot remove the staged output files");
        for (Staged s : staged.reversed()) {
            AtomicFiles.deleteAfterFailure(s.temporary(), failure);
            s.folders().removeAfter(failure);
        }
        staged.clear();
        if (failure.getSuppressed().length > 0) throw failure;
    }
}
