package dev.hardnetzoo.examples.cli;

import java.util.Locale;

/** Human-readable numbers for tables. */
final class Units {
    private Units() {}

    static String millions(long n) {
        return String.format(Locale.ROOT, "%.2f M", n / 1e6);
    }

    static String giga(long n) {
        return String.format(Locale.ROOT, "%.3f G", n / 1e9);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
