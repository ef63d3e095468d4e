package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** This module's reference data under src/test/resources/ref (see its MANIFEST.md). */
final class RefResources {
    private RefResources() {}

    static byte[] bytes(String name) {
        try (InputStream in = RefResources.class.getResourceAsStream("/ref/" + name)) {
            assertThat(in).as("test resource /ref/" + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .npy reference array (copied to {@code tmp}, since Npy reads files). */
    static Tensor npy(String name, Path tmp) throws IOException {
        return Npy.read(Files.write(tmp.resolve(name), bytes(name)));
    }

    /** The official {@code name shape} lines of a state_dict listing. */
    static List<String> stateDict(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Our graph's tensors in the same {@code name shape} form, in registration order. */
    static List<String> stateDict(Graph graph) {
        return graph.params().values().stream()
                .map(p -> p.name() + " " + Arrays.stream(p.shape().dims()).mapToObj(Integer::toString)
                        .collect(Collectors.joining("x")))
                .toList();
    }
}
