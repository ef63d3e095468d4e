package dev.hardnetzoo.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The backends on the class path, found through ServiceLoader so optional ones need no code here. */
public final class Backends {
    public static final String DEFAULT = "cpu";

    private Backends() {}

    public static List<Backend> all() {
        List<Backend> out = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(out::add);
        return out;
    }

    /** The backend called {@code name}; fails naming the ones there are, or why it cannot run here. */
    public static Backend get(String name) {
        List<Backend> all = all();
        for (Backend b : all) {
            if (b.name().equals(name)) {
                b.unavailableReason().ifPresent(why -> {
                    throw new IllegalStateException("backend '" + name + "' cannot run here: " + why);
                });
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "'; available: "
                + all.stream().map(Backend::name).toList());
    }
}
