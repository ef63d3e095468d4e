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
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        checkWritable(target, abs, dir);
        // Not Files.createTempFile: that makes the file owner-only (0600), and weights should get the usual umask.
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = open(target, tmp)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                ch.force(true); // the data must be on disk before the rename makes it visible
            }
            move(tmp, abs);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    // Named after the target, not the hidden temporary file the user never asked for.
    private static void checkWritable(Path target, Path abs, Path dir) throws IOException {
        if (Files.isDirectory(abs)) throw new FileSystemException(target.toString(), null, "is a directory, not a file");
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

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
