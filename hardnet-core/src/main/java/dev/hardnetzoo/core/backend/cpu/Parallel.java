package dev.hardnetzoo.core.backend.cpu;

import java.util.function.IntConsumer;

/** Runs independent tasks on the backend's threads; the caller returns once all are done. */
public interface Parallel {

    int threads();

    /** Runs {@code body.accept(i)} for i in [0, tasks), in any order, possibly concurrently. */
    void forEach(int tasks, IntConsumer body);
}
