package dev.hardnetzoo.core.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one fuzzer input through a parser the way a user would: as a file on disk. A clear
 * failure ({@link Parsers#isClearFailure}) is the expected outcome for most inputs and is
 * swallowed; anything else (an unchecked exception, an OutOfMemoryError, a StackOverflowError)
 * propagates and is a finding.
 */
final class FuzzInputs {
    private static final Path DIR = createDir();

    private FuzzInputs() {}

    static void parse(Parsers.Kind kind, String fileName, byte[] data) throws IOException {
        Path file = DIR.resolve(Thread.currentThread().threadId() + "-" + fileName);
        Files.write(file, data);
        try {
            Parsers.readFully(kind, file);
        } catch (Exception e) {
            if (!Parsers.isClearFailure(e)) throw e;
            if (e.getMessage() == null || !e.getMessage().contains(file.getFileName().toString())) {
                throw new AssertionError("the failure does not name the file: " + e, e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("hardnet-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
