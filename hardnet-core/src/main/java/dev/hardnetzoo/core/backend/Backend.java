package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.graph.Graph;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an optimised graph and its weights into something that runs. Implementations are
 * found through {@link java.util.ServiceLoader} ({@link Backends}); the CPU backend is built in.
 */
public interface Backend {

    /** The name users pass as {@code --backend}. */
    String name();

    /** Empty when the backend can run here; otherwise why not (missing SDK, no device). */
    Optional<String> unavailableReason();

    /** What it can run on, one line per device (for {@code hardnet devices}); why not, when unavailable. */
    default List<String> devices() {
        return unavailableReason().map(why -> List.of("unavailable: " + why)).orElse(List.of());
    }

    /**
     * The devices {@link BackendOptions#device()} may name (e.g. {@code 0:1}), as {@link #devices()}
     * starts its lines; empty when the backend offers no choice (the CPU backend) or cannot run here.
     */
    default List<String> deviceIds() {
        return List.of();
    }

    /**
     * Compiles {@code graph} (already through {@link dev.hardnetzoo.core.passes.Passes}) for its
     * input shape. {@code params} maps every official tensor name the graph references to its data.
     */
    Executable compile(Graph graph, Map<String, float[]> params, BackendOptions options);
}
