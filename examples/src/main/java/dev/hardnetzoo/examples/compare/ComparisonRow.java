package dev.hardnetzoo.examples.compare;

/**
 * One model in the comparison: costs from shapes alone (as in the HarDNet paper: parameters,
 * MACs, CIO, MoC = MACs/CIO, peak activation memory of the buffer plan) and latency measured on
 * random weights (speed does not depend on weight values).
 */
public record ComparisonRow(String task, String model, String input, long params, long macs, long cio, double moc,
                            long peakActivationBytes, double medianMs, double minMs, int iterations,
                            String backend, int threads, String weights) {}
