package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.tensor.MemoryLimit;

/**
 * How a backend should run: {@code threads} is the CPU parallelism; {@code memoryLimitBytes}
 * caps the activation memory of one run, so an input too large for it is refused before any
 * work (default {@link MemoryLimit#defaultBytes()}: {@code -Dhardnet.memoryLimit}, else 3/4 of the heap).
 */
public record BackendOptions(int threads, long memoryLimitBytes) {
    public BackendOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (memoryLimitBytes < 1) throw new IllegalArgumentException("memory limit must be positive, got " + memoryLimitBytes);
    }

    /** {@code threads} threads and the default memory limit. */
    public BackendOptions(int threads) {
        this(threads, MemoryLimit.defaultBytes());
    }

    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors());
    }

    public BackendOptions withMemoryLimit(long bytes) {
        return new BackendOptions(threads, bytes);
    }
}
