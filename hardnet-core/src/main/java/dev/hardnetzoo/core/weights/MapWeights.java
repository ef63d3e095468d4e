package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.tensor.Dtype;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Float32 tensors held in memory: weights generated or converted in the process, and tests.
 * Behaves like a file: {@link #tensor} returns copies, and nothing is readable after close.
 */
public final class MapWeights implements Weights {
    private final String source;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;
    private volatile boolean closed;

    /** {@code source} describes where the tensors come from, for error messages. */
    public MapWeights(String source, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.source = Objects.requireNonNull(source, "source");
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors.forEach((k, v) -> Objects.requireNonNull(v, () -> source + ": tensor '" + k + "' is null"));
    }

    public MapWeights(String source, Map<String, Tensor> tensors) {
        this(source, tensors, Map.of());
    }

    @Override public String source() { return source; }

    @Override public Set<String> names() {
        ensureOpen();
        return tensors.keySet();
    }

    @Override public Shape shape(String name) { return get(name).shape(); }

    @Override public String dtype(String name) {
        get(name);
        return Dtype.F32.name();
    }

    @Override public Tensor tensor(String name) {
        Tensor t = get(name);
        return new Tensor(t.shape(), t.data().clone());
    }

    @Override public Map<String, String> metadata() {
        ensureOpen();
        return metadata;
    }

    @Override public void close() { closed = true; }

    private Tensor get(String name) {
        ensureOpen();
        Tensor t = tensors.get(name);
        if (t == null) throw WeightsException.noSuchTensor(source, name);
        return t;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException(source + ": weights already closed");
    }
}
