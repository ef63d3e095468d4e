package dev.hardnetzoo.core.tensor;

import java.util.Locale;

/**
 * How much memory one request (a model's activations for one input, the tensors of one
 * checkpoint) may take. Work that would need more is refused before it allocates anything,
 * with the amount in the message, instead of ending in an OutOfMemoryError.
 *
 * <p>Set with the system property {@code hardnet.memoryLimit} (bytes, or with a k/m/g/t
 * suffix: {@code 2g}); the default is three quarters of the maximum heap, leaving the rest for
 * the weights and the program around the model.
 */
public final class MemoryLimit {
    public static final String PROPERTY = "hardnet.memoryLimit";

    private MemoryLimit() {}

    /** The limit in bytes: the system property if set, else 3/4 of {@link Runtime#maxMemory()}. */
    public static long defaultBytes() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? Runtime.getRuntime().maxMemory() / 4 * 3 : parse(value);
    }

    /** Parses {@code 1048576}, {@code 512m}, {@code 2g} (binary units, case-insensitive). */
    public static long parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        int shift = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE >> shift) throw new NumberFormatException();
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive size such as 2g or 512m, got '" + value + "'");
        }
    }

    /** {@code 1.5 GiB}, {@code 12.0 MiB}, {@code 512 bytes}. */
    public static String format(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
