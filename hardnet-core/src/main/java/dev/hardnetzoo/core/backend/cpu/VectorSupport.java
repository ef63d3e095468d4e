package dev.hardnetzoo.core.backend.cpu;

/**
 * Whether the Vector API kernels can run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and {@code -Dhardnet.cpu.vector=false} does not turn
 * them off. Without the module every kernel falls back to plain Java loops with equal results.
 * {@code -Dhardnet.cpu.vector.bits=128} (or 256) narrows the vectors below the machine's widest, so
 * one machine can test the kernels as an AVX2 or NEON machine runs them; 512 on a machine without
 * AVX-512 runs the AVX-512 kernels (16 lanes, blocks for 32 registers) on vectors the Vector API
 * emulates in plain Java: far slower, but the same code paths and results, so an AVX2 machine can
 * test them.
 */
final class VectorSupport {
    /** The system property that, set to false, forces the plain-Java kernels. */
    static final String PROPERTY = "hardnet.cpu.vector";
    /** The system property that caps the vector width, in bits. */
    static final String BITS_PROPERTY = "hardnet.cpu.vector.bits";

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    private static final boolean MODULE_LOADED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static final boolean AVAILABLE = !"false".equalsIgnoreCase(System.getProperty(PROPERTY)) && MODULE_LOADED;

    private VectorSupport() {}

    /** What the kernels run on, for {@code hardnet devices}: vector width and register blocks, or plain Java and why. */
    static String describe() {
        if (!AVAILABLE) {
            return "plain-Java kernels (" + (MODULE_LOADED ? "-D" + PROPERTY + "=false" : "no --add-modules jdk.incubator.vector")
                    + ")";
        }
        String vectors = VectorGemm.L * Float.SIZE + "-bit vectors (" + VectorGemm.L + " floats), register blocks for "
                + VectorGemm.REGISTERS + " registers";
        if (!emulated()) return vectors;
        return vectors + ", emulated in plain Java as -D" + BITS_PROPERTY + " asks: this machine's vectors are "
                + machineBits() + "-bit, so the kernels run many times slower (for testing the wider kernels only)";
    }

    /**
     * Why the kernels run far slower than this machine allows, for a warning; empty when they do
     * not, or when plain Java was asked for ({@code -Dhardnet.cpu.vector=false}).
     */
    static java.util.Optional<String> slowdown() {
        boolean plainAskedFor = "false".equalsIgnoreCase(System.getProperty(PROPERTY));
        if (!MODULE_LOADED && !plainAskedFor) {
            return java.util.Optional.of("the CPU kernels run as plain Java loops, about 10x slower: start the JVM with "
                    + "--add-modules jdk.incubator.vector to use the Vector API");
        }
        if (emulated()) {
            return java.util.Optional.of("the CPU kernels run on " + VectorGemm.L * Float.SIZE + "-bit vectors emulated in plain Java, "
                    + "many times slower: -D" + BITS_PROPERTY + " asks for more than this machine's " + machineBits() + " bits");
        }
        return java.util.Optional.empty();
    }

    /** Whether the kernels' vectors are wider than the machine's, so the Vector API runs them lane by lane. */
    static boolean emulated() {
        return AVAILABLE && VectorGemm.L * Float.SIZE > machineBits();
    }

    private static int machineBits() {
        return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** The width cap asked for in bits, or 0 for none; anything but 128, 256 or 512 is refused. */
    static int requestedBits() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) return 0;
        int value;
        try {
            value = Integer.parseInt(bits.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 128 || value > 512 || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + ": expected 128, 256 or 512");
        }
        return value;
    }
}
