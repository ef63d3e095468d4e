package dev.hardnetzoo.core.backend.cpu;

/**
 * Per-thread scratch memory, grown on demand and reused by every kernel, so run() allocates
 * nothing in steady state. A kernel task must not hold it across a nested {@link Parallel} call.
 */
final class Scratch {
    private static final Buffer FLOATS = new Buffer();

    private Scratch() {}

    /** This thread's buffer of at least {@code n} floats; contents are undefined. */
    static float[] floats(int n) {
        return FLOATS.floats(n);
    }

    /** A per-thread buffer of its own, for a kernel that needs one beside the shared scratch. */
    static final class Buffer {
        private final ThreadLocal<float[]> local = ThreadLocal.withInitial(() -> new float[0]);

        /** This thread's buffer of at least {@code n} floats; contents are undefined. */
        float[] floats(int n) {
            float[] a = local.get();
            if (a.length < n) {
                a = new float[n];
                local.set(a);
            }
            return a;
        }
    }
}
