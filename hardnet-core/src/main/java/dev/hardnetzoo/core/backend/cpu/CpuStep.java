package dev.hardnetzoo.core.backend.cpu;

/** One compiled node: runs against an activation arena. */
@FunctionalInterface
interface CpuStep {
    void run(float[] arena, Parallel par);
}
