package dev.hardnetzoo.core.tensor;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders an output file needs that do not exist yet: checked before any work is done
 * ({@link #check}), made only when the file is about to be written ({@link #make}), and removed
 * again if writing it fails, so that a failed command leaves no empty folders behind. Errors name
 * the output file as the caller wrote it.
 */
public final class OutputFolders implements AutoCloseable {

    /** Writes the output file. */
    @FunctionalInterface
    public interface Write {
        void run() throws IOException;
    }

    private final List<Path> created = new ArrayList<>(); // outermost first
    private boolean kept;

    private OutputFolders() {}

    /**
     * Checks, creating nothing, that {@code target} can be written once its missing folders are
     * made: it is not a folder, no file stands where a folder of its path should be, and the
     * nearest existing folder is writable.
     */
    public static void check(Path target) throws IOException {
        if (Files.isDirectory(target)) throw new FileSystemException(target.toString(), null, "is a directory, not a file");
        Path existing = folderOf(target);
        while (!Files.exists(existing)) existing = folderOf(existing);
        if (!Files.isDirectory(existing)) {
            throw new FileSystemException(target.toString(), null, "cannot write: " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            String where = existing.equals(folderOf(target)) ? "" : " to create folders in " + existing;
            throw new AccessDeniedException(target.toString(), null, "cannot write: permission denied" + where);
        }
    }

    /** Makes {@code target}'s missing folders; {@link #close} removes them again unless {@link #keep} was called. */
    public static OutputFolders make(Path target) throws IOException {
        check(target);
        List<Path> missing = new ArrayList<>();
        for (Path folder = folderOf(target); !Files.isDirectory(folder); folder = folderOf(folder)) missing.addFirst(folder);
        OutputFolders folders = new OutputFolders();
        try {
            for (Path folder : missing) folders.create(target, folder);
        } catch (IOException | RuntimeException e) {
            folders.removeAfter(e);
            throw e;
        }
        return folders;
    }

    /** Runs {@code write} with {@code target}'s missing folders made just before, and removed again if it fails. */
    public static void write(Path target, Write write) throws IOException {
        try (OutputFolders folders = make(target)) {
            write.run();
            folders.keep();
        }
    }

    /** The folder a file or folder is in; for a bare name, the current folder. */
    static Path folderOf(Path path) {
        Path parent = path.getParent();
        return parent != null ? parent : path.toAbsolutePath().getParent();
    }

    /** The output was written: its folders stay. */
    public void keep() {
        kept = true;
    }

    /** {@link #close} after {@code failure}, a failure to remove being added to it rather than hiding it. */
    void removeAfter(Throwable failure) {
        try {
            close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes the folders made, innermost first, unless kept. */
    @Override
    public void close() throws IOException {
        if (kept) return;
        for (Path folder : created.reversed()) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                return; // something else put a file there meanwhile: it and the folders around it stay
            }
        }
        created.clear();
    }

    private void create(Path target, Path folder) throws IOException {
        try {
            Files.createDirectory(folder);
            created.add(folder);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by someone else, which is fine as long as it is a folder
            if (!Files.isDirectory(folder)) {
                throw new FileSystemException(target.toString(), null, "cannot write: " + folder + " is a file, not a folder");
            }
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null, "cannot write: permission denied to create folder " + folder);
        } catch (FileSystemException e) {
            String why = e.getReason() == null ? "" : ": " + e.getReason();
            throw new FileSystemException(target.toString(), null, "cannot write: cannot create folder " + folder + why);
        }
    }
}
