package dev.hardnetzoo.core.tensor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * partial write: the content goes to a temporary file in the same directory (same file
 * system, so the final rename is atomic), which is then moved over the target.
 * {@link StagedFiles} does the same for several files that must appear together.
 */
public final class AtomicFiles {

    /** Produces the file's content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** On any failure the temporary file is deleted and the target is left as it was. */
    public static void write(Path target, Body body) throws IOException {
        checkWritable(target);
        Path tmp = writeTemporary(target, body);
        try {
            moveIntoPlace(tmp, target);
        } catch (Throwable t) {
            deleteAfterFailure(tmp, t);
            throw t;
        }
    }

    /**
     * Writes {@code body} to a new temporary file beside {@code target}, on disk when this
     * returns, and returns that file; on failure it is deleted. Errors name {@code target}.
     */
    static Path writeTemporary(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        // Not Files.createTempFile: that makes the file owner-only (0600), and weights should get the usual umask.
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = open(target, tmp)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                ch.force(true); // the data must be on disk before the rename makes it visible
            }
            return tmp;
        } catch (Throwable t) {
            deleteAfterFailure(tmp, t);
            throw t;
        }
    }

    /** Renames a temporary from {@link #writeTemporary} over its target. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteAfterFailure(Path tmp, Throwable failure) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    // Named after the target, not the hidden temporary file the user never asked for.
    private static void checkWritable(Path target) throws IOException {
        OutputFolders.check(target);
        Path dir = OutputFolders.folderOf(target);
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(target.toString(), null, "cannot write: folder " + dir + " does not exist");
    }

    private static FileChannel open(Path target, Path tmp) throws IOException {
        try {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null, "cannot write: permission denied");
        } catch (FileSystemException e) {
            String why = e.getReason() == null ? "cannot create a file in " + tmp.getParent() : e.getReason();
            throw new FileSystemException(target.toString(), null, "cannot write: " + why);
        }
    }
}
