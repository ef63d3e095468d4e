package dev.hardnetzoo.core.weights;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Releases a mapped buffer now instead of when the garbage collector gets to it, so closing
 * a large weights file really frees its address space (and, on Windows, the file itself).
 * Uses {@code sun.misc.Unsafe#invokeCleaner} (module jdk.unsupported), looked up reflectively;
 * where that is unavailable, unmapping silently falls back to the garbage collector.
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = lookup();

    private Unmapper() {}

    /**
     * The caller must guarantee that nothing reads {@code buffer} (or a view of it) afterwards:
     * access to unmapped memory crashes the JVM.
     */
    static void unmap(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) return;
        try {
            INVOKE_CLEANER.invokeExact(buffer);
        } catch (Throwable ignored) {
            // Not a cleanable buffer (e.g. a slice): the GC unmaps it later.
        }
    }

    private static MethodHandle lookup() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return mh.bindTo(field.get(null));
        } catch (Throwable e) {
            return null;
        }
    }
}
