package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.tensor.MemoryLimit;

/**
 * How a backend should run: {@code threads} is the CPU parallelism; {@code memoryLimitBytes}
 * caps the activation memory of one run, so an input too large for it is refused before any
 * work (default {@link MemoryLimit#defaultBytes()}: {@code -Dhardnet.memoryLimit}, else 3/4 of the heap);
 * {@code device} is one of the backend's {@link Backend#deviceIds()}, or null for its default.
 */
public record BackendOptions(int threads, long memoryLimitBytes, String device) {
    public BackendOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (memoryLimitBytes < 1) throw new IllegalArgumentException("memory limit must be positive, got " + memoryLimitBytes);
    }

    /** The backend's default device. */
    public BackendOptions(int threads, long memoryLimitBytes) {
        this(threads, memoryLimitBytes, null);
    }

    /** {@code threads} threads and the default memory limit. */
    public BackendOptions(int threads) {
        this(threads, MemoryLimit.defaultBytes());
    }

    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors());
    }

    public BackendOptions withMemoryLimit(long bytes) {
        return new BackendOptions(threads, bytes, device);
    }

    /** Runs on {@code id}, one of the backend's {@link Backend#deviceIds()} (null: its default). */
    public BackendOptions withDevice(String id) {
        return new BackendOptions(threads, memoryLimitBytes, id);
    }
}
