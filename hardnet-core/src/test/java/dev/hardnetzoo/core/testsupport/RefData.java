package dev.hardnetzoo.core.testsupport;


import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data under {@code ${hardnet.testdata}} (reference fixtures, images); tests skip when it is absent. */
public final class RefData {
    private RefData() {}

    public static Path ref(String name) {
        return file("ref", name);
    }

    /** A sample image under {@code ${hardnet.testdata}/images}. */
    public static Path image(String name) {
        return file("images", name);
    }

    private static Path file(String folder, String name) {
        // A missing fixture fails rather than skips: a parity test that quietly skips proves nothing.
        String dir = System.getProperty("hardnet.testdata");
        if (dir == null) throw new IllegalStateException("system property hardnet.testdata is not set (run through Maven)");
        Path file = Path.of(dir, folder, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference fixture " + file + " is absent: the repository expects ../shared/testdata beside it");
        }
        return file;
    }
}
