package dev.hardnetzoo.core.backend;

/** How a backend should run; {@code threads} is the CPU parallelism. */
public record BackendOptions(int threads) {
    public BackendOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors());
    }
}
