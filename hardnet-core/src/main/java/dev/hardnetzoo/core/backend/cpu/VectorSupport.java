package dev.hardnetzoo.core.backend.cpu;

/**
 * Whether the Vector API kernels can run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and {@code -Dhardnet.cpu.vector=false} does not turn
 * them off. Without the module every kernel falls back to plain Java loops with equal results.
 * {@code -Dhardnet.cpu.vector.bits=128} (or 256) narrows the vectors below the machine's widest, so
 * one machine can test the kernels as an AVX2 or NEON machine runs them.
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
        return VectorGemm.L * Float.SIZE + "-bit vectors (" + VectorGemm.L + " floats), register blocks for "
                + VectorGemm.REGISTERS + " registers";
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
