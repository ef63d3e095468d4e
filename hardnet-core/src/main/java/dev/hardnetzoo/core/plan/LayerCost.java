package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.tensor.Shape;

/**
 * Cost of one layer that does arithmetic (a conv or linear).
 *
 * @param cio input + output tensor elements (the HarDNet paper's Convolutional Input/Output)
 */
public record LayerCost(String name, String op, Shape input, Shape output, long params, long macs, long cio) {

    /** MACs over CIO: arithmetic per element moved. Low MoC layers are memory-bound. */
    public double moc() {
        return cio == 0 ? 0 : (double) macs / cio;
    }
}
