package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.tensor.LittleEndian;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file whose header was validated by {@link Safetensors#open}. Each tensor is read
 * when asked for, by positional reads of at most {@link #CHUNK} bytes decoded straight into its
 * float array. Read, not memory-mapped: a mapping is released only by the garbage collector, or
 * now by {@code sun.misc.Unsafe::invokeCleaner}, which JDK 24 and later warn about on every run;
 * a read holds nothing once it returns, and the weights are copied into float arrays either way.
 * Reads from several threads are safe ({@link FileChannel}'s positional reads are).
 */
final class ChannelSafetensors implements Weights {
    /** Bytes read and decoded at a time: a multiple of every element size, so no element straddles two reads. */
    private static final int CHUNK = 16 << 20;

    private final String source;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;
    private volatile boolean closed;

    ChannelSafetensors(String source, FileChannel channel, SafetensorsHeader header, long dataStart) {
        this.source = source;
        this.channel = channel;
        this.header = header;
        this.dataStart = dataStart;
    }

    @Override public String source() { return source; }

    @Override public Set<String> names() {
        ensureOpen();
        return header.entries().keySet();
    }

    @Override public Shape shape(String name) { return entry(name).shape(); }

    @Override public String dtype(String name) { return entry(name).dtype().name(); }

    @Override public Map<String, String> metadata() {
        ensureOpen();
        return header.metadata();
    }

    @Override public Tensor tensor(String name) {
        SafetensorsHeader.Entry e = entry(name);
        long count = e.shape().size();
        if (count > Integer.MAX_VALUE - 8) {
            throw WeightsException.forTensor(source, name, "with shape " + e.shape() + " is too large for one array");
        }
        float[] out = new float[(int) count];
        int elementSize = e.dtype().size();
        int done = 0;
        try {
            for (long at = e.begin(); at < e.end(); ) {
                int length = (int) Math.min(CHUNK, e.end() - at);
                ByteBuffer bytes = LittleEndian.readFully(channel, dataStart + at, length);
                // The header was checked against the file's size when it was opened: it shrank since.
                if (bytes == null) throw WeightsException.forTensor(source, name, "ends past the end of the file (truncated since opened?)");
                int n = length / elementSize;
                e.dtype().decode(bytes, out, done, n);
                done += n;
                at += length;
            }
        } catch (ClosedChannelException ex) {
            throw new IllegalStateException(source + ": weights closed while tensor '" + name + "' was read", ex);
        } catch (IOException ex) {
            throw new WeightsException(source + ": tensor '" + name + "' cannot be read: " + ex.getMessage(), ex);
        }
        return new Tensor(e.shape(), out);
    }

    @Override public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only channel: nothing was written that closing could lose.
        }
    }

    private SafetensorsHeader.Entry entry(String name) {
        ensureOpen();
        SafetensorsHeader.Entry e = header.entries().get(name);
        if (e == null) throw WeightsException.noSuchTensor(source, name);
        return e;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException(source + ": weights already closed");
    }
}
