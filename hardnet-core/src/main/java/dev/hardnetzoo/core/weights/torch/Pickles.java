package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Function;
import net.razorvine.pickle.PickleException;

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
        } catch (PickleException | ClassCastException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new CheckpointException(file + ": malformed pickle (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new CheckpointException(file + ": truncated checkpoint (unexpected end of file)", e);
        }
    }
}
