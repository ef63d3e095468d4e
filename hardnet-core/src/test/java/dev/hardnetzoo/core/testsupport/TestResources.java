package dev.hardnetzoo.core.testsupport;

import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The calling module's own fixtures under src/test/resources (small reference arrays in {@code ref/},
 * each folder with a MANIFEST.md saying how they were made), as opposed to {@link RefData}'s shared data.
 */
public final class TestResources {
    private TestResources() {}

    /** The file of the test resource {@code name} (e.g. {@code ref/resnet18.logits.npy}); fails naming it when absent. */
    public static Path path(String name) {
        URL url = TestResources.class.getResource("/" + name);
        if (url == null) throw new IllegalStateException("test resource /" + name + " is missing");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Surefire puts test-classes on the class path as a folder, so this only fires for a packaged resource.
            throw new IllegalStateException("test resource /" + name + " is not a plain file: " + url, e);
        }
    }

    /** The reference array {@code ref/name}. */
    public static Tensor refNpy(String name) {
        try {
            return Npy.read(path("ref/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
