package dev.hardnetzoo.core.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared sample images (../shared/testdata, passed by Surefire as -Dhardnet.testdata). */
final class TestData {
    private TestData() {}

    /** The image's path; skips the calling test when the test data is not there. */
    static Path image(String name) {
        String root = System.getProperty("hardnet.testdata");
        Path file = root == null ? null : Path.of(root, "images", name);
        assumeTrue(file != null && Files.isRegularFile(file),
                () -> "test image not found: " + file + " (set -Dhardnet.testdata=<dir> or put ../shared/testdata beside the repo)");
        return file;
    }
}
