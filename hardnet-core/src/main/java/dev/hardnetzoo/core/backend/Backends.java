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

    /** Fails, naming {@code device} and the valid choices, unless it is null or one of {@code backend}'s {@link Backend#deviceIds()}. */
    public static void requireDevice(Backend backend, String device) {
        if (device == null) return;
        List<String> ids = backend.deviceIds();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("backend '" + backend.name() + "' has no devices to choose from (device '" + device + "' asked for)");
        }
        if (!ids.contains(device)) {
            throw new IllegalArgumentException("device '" + device + "' is not one of backend '" + backend.name()
                    + "''s devices; valid: " + String.join(", ", ids));
        }
    }
}
