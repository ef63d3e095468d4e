package dev.hardnetzoo.core.backend.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How far into the activation arena the planner starts its tensors, so that their data lies on
 * 64-byte cache lines in memory. The planner puts tensors 16 floats apart, but a float[]'s
 * elements start after the array's header, and HotSpot's G1 places an array of half a heap region
 * or more (any real model's arena) at a region boundary: with the default 16-byte header every
 * tensor started 16 bytes into a cache line, and every other 32-byte vector access straddled two.
 * Starting them 12 floats in (48 bytes) put them on line boundaries: DenseNet-121 on one thread
 * took 65.6 ms of CPU time per run instead of 67.5, and 66.0 instead of 68.9, in two rounds of
 * alternating pairs on a Zen 3 (four and three pairs, faster in each; its 1x1 and Winograd steps
 * 2-3 %). Elsewhere (other collectors, smaller arrays, which the
 * GC places at any 8 bytes) the shift costs nothing.
 */
final class ArenaAlignment {
    /** Floats before the arena's first tensor: 12 with the default header. */
    static final int LEADING_FLOATS = leadingFloats(arrayHeaderBytes());

    private ArenaAlignment() {}

    /** Floats that take an array's first element from {@code headerBytes} past a 64-byte boundary to the next one. */
    static int leadingFloats(int headerBytes) {
        return (64 - headerBytes % 64) % 64 / Float.BYTES;
    }

    /**
     * Bytes before a float[]'s first element on this JVM, from its object layout flags: 12 with
     * compact object headers, 16 with compressed class pointers (the default), else 20; 16 when
     * the flags cannot be read (a JVM other than HotSpot).
     */
    static int arrayHeaderBytes() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (flag(vm, "UseCompactObjectHeaders")) return 12;
            return flag(vm, "UseCompressedClassPointers") ? 16 : 20;
        } catch (RuntimeException | LinkageError e) {
            return 16;
        }
    }

    /** A boolean VM flag, false where this JVM does not have it (compact headers before JDK 24). */
    private static boolean flag(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return Boolean.parseBoolean(vm.getVMOption(name).getValue());
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }
}
