package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The models on the class path, by id, gathered from every module's {@link ModelProvider}. */
public final class ModelZoo {
    private static volatile Map<String, ModelSpec> registry;

    private ModelZoo() {}

    public static List<ModelSpec> list() {
        return List.copyOf(registry().values());
    }

    public static ModelSpec get(String id) {
        ModelSpec spec = registry().get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown model '" + id + "'; known: " + String.join(", ", registry().keySet()));
        }
        return spec;
    }

    /** Loads {@code id} with the weights in {@code weightsFile} on the default (CPU) backend. */
    public static Model load(String id, Path weightsFile) throws IOException {
        return load(id, weightsFile, Backends.DEFAULT, BackendOptions.defaults());
    }

    public static Model load(String id, Path weightsFile, String backend, BackendOptions options) throws IOException {
        return Model.load(get(id), weightsFile, Backends.get(backend), options);
    }

    private static Map<String, ModelSpec> registry() {
        Map<String, ModelSpec> r = registry;
        if (r == null) {
            synchronized (ModelZoo.class) {
                if (registry == null) registry = discover();
                r = registry;
            }
        }
        return r;
    }

    /**
     * The listing order does not depend on the class path: by task (classification, segmentation,
     * detection), built-in providers before user-added ones, then by provider class name, then in
     * the provider's own order.
     */
    private static Map<String, ModelSpec> discover() {
        List<ModelProvider> providers = new ArrayList<>();
        ServiceLoader.load(ModelProvider.class).forEach(providers::add);
        return index(providers);
    }

    /** The models of {@code providers} by id, in {@link #discover}'s order; an id given twice fails naming both providers. */
    static Map<String, ModelSpec> index(List<ModelProvider> providers) {
        providers = new ArrayList<>(providers);
        providers.sort(Comparator.comparing((ModelProvider p) -> !p.builtIn()).thenComparing(p -> p.getClass().getName()));
        Map<String, ModelSpec> found = new LinkedHashMap<>();
        Map<String, String> providerOf = new HashMap<>();
        for (ModelProvider provider : providers) {
            String name = provider.getClass().getName();
            for (ModelSpec spec : provider.models()) {
                String first = providerOf.putIfAbsent(spec.id(), name);
                if (first != null) {
                    throw new IllegalStateException("model id '" + spec.id() + "' registered twice (by " + first
                            + (first.equals(name) ? " itself" : " and " + name) + ")");
                }
                found.put(spec.id(), spec);
            }
        }
        Map<String, ModelSpec> byTask = new LinkedHashMap<>();
        found.values().stream() // a stable sort: ties keep the provider order above
                .sorted(Comparator.comparing(ModelSpec::task))
                .forEach(spec -> byTask.put(spec.id(), spec));
        return Collections.unmodifiableMap(byTask);
    }
}
