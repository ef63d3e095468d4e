package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.testsupport.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** This module's state_dict listings under src/test/resources/ref (see its MANIFEST.md), and ours to compare. */
final class RefResources {
    private RefResources() {}

    /** The official {@code name shape} lines of a state_dict listing. */
    static List<String> stateDict(String name) {
        try {
            return Files.readAllLines(TestResources.path("ref/" + name)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our graph's tensors in the same {@code name shape} form, in registration order. */
    static List<String> stateDict(Graph graph) {
        return graph.params().values().stream()
                .map(p -> p.name() + " " + Arrays.stream(p.shape().dims()).mapToObj(Integer::toString)
                        .collect(Collectors.joining("x")))
                .toList();
    }
}
