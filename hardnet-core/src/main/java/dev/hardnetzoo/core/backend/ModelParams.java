package dev.hardnetzoo.core.backend;

import java.util.Map;

/** Looks up a compiled model's parameters by official name, for every backend's compiler. */
public final class ModelParams {
    private ModelParams() {}

    public static float[] require(Map<String, float[]> params, String name) {
        float[] p = params.get(name);
        if (p == null) throw new IllegalArgumentException("no weights for tensor " + name);
        return p;
    }
}
