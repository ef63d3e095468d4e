package dev.hardnetzoo.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output folders, made before any model runs so that one that cannot be used fails the command early. */
final class OutputFolders {
    private OutputFolders() {}

    /** Creates {@code folder} and its missing parents, and checks that files can be written in it. */
    static void create(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create folder " + folder + ": permission denied", e);
        } catch (IOException e) {
            Path file = fileInTheWay(folder);
            throw new IOException("cannot create folder " + folder + (file == null ? "" : ": " + file + " is a file"), e);
        }
        if (!Files.isWritable(folder)) throw new IOException("cannot write to folder " + folder + ": permission denied");
    }

    /** The file that stands where the path needs a folder (the nearest existing part of it), if any. */
    private static Path fileInTheWay(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) return Files.isDirectory(p) ? null : p;
        }
        return null;
    }
}
