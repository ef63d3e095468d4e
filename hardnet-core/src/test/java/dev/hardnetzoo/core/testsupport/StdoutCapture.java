package dev.hardnetzoo.core.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a {@code main} method prints: the examples write to System.out rather than to a stream they are given. */
public final class StdoutCapture {
    private StdoutCapture() {}

    /** Code that may throw, as a {@code main} method does. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} with System.out redirected, restores it, and returns the UTF-8 text printed. */
    public static String of(Action action) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
