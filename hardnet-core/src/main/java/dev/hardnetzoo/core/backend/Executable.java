package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;

/** A model compiled for one input shape. Safe to call from several threads at once. */
public interface Executable extends AutoCloseable {

    Shape inputShape();

    /** Runs the model; returns its outputs in graph order, each a fresh tensor. */
    List<Tensor> run(Tensor input);

    /**
     * Runs the model {@code runs} times, timing each step, and returns the mean time per step in
     * execution order: where a run's time goes. Backends that cannot time their steps refuse.
     */
    default List<LayerTime> timeLayers(Tensor input, int runs) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot time single layers; the cpu backend can");
    }

    /** Releases threads and buffers. */
    @Override
    void close();
}
