package dev.hardnetzoo.core.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        String dir = System.getProperty("hardnet.testdata");
        assumeTrue(dir != null, "system property hardnet.testdata is not set");
        Path file = Path.of(dir, folder, name);
        assumeTrue(Files.isRegularFile(file), "reference fixture " + file + " is absent");
        return file;
    }
}
