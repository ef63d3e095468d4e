package dev.hardnetzoo.core.backend.cpu;

/**
 * Per-thread scratch memory, grown on demand and reused by every kernel, so run() allocates
 * nothing in steady state. A kernel task must not hold it across a nested {@link Parallel} call.
 */
final class Scratch {
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

    private Scratch() {}

    /** This thread's buffer of at least {@code n} floats; contents are undefined. */
    static float[] floats(int n) {
        float[] a = FLOATS.get();
        if (a.length < n) {
            a = new float[n];
            FLOATS.set(a);
        }
        return a;
    }
}
