package dev.hardnetzoo.core.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The PyTorch reference fixtures under {@code ${hardnet.testdata}/ref}; tests skip when they are absent. */
public final class RefData {
    private RefData() {}

    public static Path ref(String name) {
        String dir = System.getProperty("hardnet.testdata");
        assumeTrue(dir != null, "system property hardnet.testdata is not set");
        Path file = Path.of(dir, "ref", name);
        assumeTrue(Files.isRegularFile(file), "reference fixture " + file + " is absent");
        return file;
    }
}
