package dev.hardnetzoo.core.backend.cpu;

/**
 * Whether the Vector API kernels can run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and {@code -Dhardnet.cpu.vector=false} does not turn
 * them off. Without the module every kernel falls back to plain Java loops with equal results.
 */
final class VectorSupport {
    /** The system property that, set to false, forces the plain-Java kernels. */
    static final String PROPERTY = "hardnet.cpu.vector";

    static final boolean AVAILABLE = !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {}
}
