package dev.hardnetzoo.core.backend;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.List;

/** A model compiled for one input shape. Safe to call from several threads at once. */
public interface Executable extends AutoCloseable {

    Shape inputShape();

    /** Runs the model; returns its outputs in graph order, each a fresh tensor. */
    List<Tensor> run(Tensor input);

    /** Releases threads and buffers. */
    @Override
    void close();
}
