package dev.hardnetzoo.core.weights;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A safetensors file whose header was validated by {@link Safetensors#open}. Each tensor's
 * bytes are mapped on first use, in pieces of at most 1 GiB (one mapping cannot exceed 2 GiB,
 * and files can be larger), and unmapped by {@link #close()}.
 */
final class MappedSafetensors implements Weights {
    /** A multiple of every element size, so no element straddles two pieces. */
    private static final long PIECE = 1L << 30;

    private final String source;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;
    private final Map<String, List<MappedByteBuffer>> mapped = new ConcurrentHashMap<>();
    /** Readers share the lock; close takes it alone, so nothing reads a buffer while it is unmapped. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    MappedSafetensors(String source, FileChannel channel, SafetensorsHeader header, long dataStart) {
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
        lock.readLock().lock();
        try {
            SafetensorsHeader.Entry e = entry(name);
            long count = e.shape().size();
            if (count > Integer.MAX_VALUE - 8) {
                throw WeightsException.forTensor(source, name, "with shape " + e.shape() + " is too large for one array");
            }
            float[] out = new float[(int) count];
            int done = 0;
            for (ByteBuffer piece : mapped.computeIfAbsent(name, k -> map(e))) {
                int n = piece.limit() / e.dtype().size();
                e.dtype().decode(piece, out, done, n);
                done += n;
            }
            return new Tensor(e.shape(), out);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            mapped.values().forEach(pieces -> pieces.forEach(Unmapper::unmap));
            mapped.clear();
            channel.close();
        } catch (IOException ignored) {
            // Read-only channel: nothing was written that closing could lose.
        } finally {
            lock.writeLock().unlock();
        }
    }

    private SafetensorsHeader.Entry entry(String name) {
        ensureOpen();
        SafetensorsHeader.Entry e = header.entries().get(name);
        if (e == null) throw WeightsException.noSuchTensor(source, name);
        return e;
    }

    private List<MappedByteBuffer> map(SafetensorsHeader.Entry e) {
        List<MappedByteBuffer> pieces = new ArrayList<>();
        try {
            for (long at = e.begin(); at < e.end(); at += PIECE) {
                pieces.add(channel.map(FileChannel.MapMode.READ_ONLY, dataStart + at, Math.min(PIECE, e.end() - at)));
            }
        } catch (IOException ex) {
            pieces.forEach(Unmapper::unmap);
            throw new WeightsException(source + ": tensor '" + e.name() + "' cannot be mapped: " + ex.getMessage(), ex);
        }
        return List.copyOf(pieces);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException(source + ": weights already closed");
    }
}
