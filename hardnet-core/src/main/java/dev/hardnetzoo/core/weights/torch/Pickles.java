package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Function;
import java.math.BigInteger;

/** Consecutive pickles from one stream, each through a fresh {@link SafeUnpickler} and size limit. */
final class Pickles {
    private final Path file;
    private final InputStream in;
    private final long maxBytes;
    private long consumed;

    Pickles(Path file, InputStream in, long maxBytes) {
        this.file = file;
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next pickled object; {@code persistentIds} resolves persistent ids (null: none expected). */
    Object next(Function<Object[], Object> persistentIds) throws IOException {
        LimitedInputStream limited = new LimitedInputStream(in, maxBytes, file + ": a pickle");
        try {
            return read(file, limited, persistentIds);
        } finally {
            consumed += limited.count();
        }
    }

    long consumed() {
        return consumed;
    }

    /** Unpickles one object, turning the library's errors into ones that name the file. */
    static Object read(Path file, InputStream in, Function<Object[], Object> persistentIds) throws IOException {
        SafeUnpickler unpickler = new SafeUnpickler(persistentIds != null ? persistentIds : pid -> {
            throw new CheckpointException(file + ": unexpected persistent id in a header pickle");
        });
        try {
            return unpickler.load(in);
        } catch (SafeUnpickler.UnsafePickleException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) { // Pyrolite fails on malformed input with casts, indexes, nulls, number formats
            throw new CheckpointException(file + ": malformed pickle (" + brief(String.valueOf(e.getMessage())) + ")", e);
        } catch (java.util.zip.ZipException e) {
            throw new CheckpointException(file + ": corrupt compressed pickle (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new CheckpointException(file + ": truncated checkpoint (unexpected end of file)", e);
        } catch (IOException e) { // Pyrolite's "premature end of file", and read errors
            throw new CheckpointException(file + ": unreadable pickle (" + brief(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /**
     * Names a pickled value for a message without rendering it: a hostile pickle can build
     * containers whose {@code toString} is exponential, or integers of millions of digits.
     */
    static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof String s) return "'" + brief(s) + "'";
        if (o instanceof Integer || o instanceof Long || o instanceof Boolean || o instanceof Double) return o.toString();
        if (o instanceof BigInteger b) return b.bitLength() <= 128 ? b.toString() : "a " + b.bitLength() + "-bit integer";
        return o.getClass().getSimpleName();
    }

    /** At most 100 characters of {@code s}. */
    static String brief(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
