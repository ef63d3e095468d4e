package dev.hardnetzoo.core.weights.torch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.save}'s legacy format (before PyTorch 1.6, or {@code _use_new_zipfile_serialization=False}):
 * pickles of the magic number, the protocol version, sys_info and the object, then a pickled
 * list of storage keys, then each storage as an 8-byte little-endian element count and raw data.
 */
final class LegacyCheckpoint implements StorageSource {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL = 1001;

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Long> positions = new HashMap<>();

    private LegacyCheckpoint(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Reads the header pickles and the object; {@code storages} collects the storages the object names. */
    static Loaded open(Path file, long maxPickleBytes) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        LegacyCheckpoint source = new LegacyCheckpoint(file, channel);
        try {
            long length = channel.size();
            Map<String, StorageRef> roots = new HashMap<>();
            long position = 0;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
                Pickles pickles = new Pickles(file, raw, maxPickleBytes);
                if (!MAGIC.equals(pickles.next(null))) throw new CheckpointException(file + ": not a PyTorch checkpoint (bad magic number)");
                Object protocol = pickles.next(null);
                if (!(protocol instanceof Number n) || n.longValue() != PROTOCOL) {
                    throw new CheckpointException(file + ": unsupported legacy protocol version " + protocol);
                }
                if (pickles.next(null) instanceof Map<?, ?> sysInfo && Boolean.FALSE.equals(sysInfo.get("little_endian"))) {
                    throw new CheckpointException(file + ": big-endian checkpoints are not supported");
                }
                Object root = pickles.next(pid -> source.storage(pid, roots));
                if (!(pickles.next(null) instanceof List<?> keys)) throw new CheckpointException(file + ": storage key list missing");
                position = pickles.consumed();
                for (Object k : keys) {
                    if (!(k instanceof String key)) throw new CheckpointException(file + ": storage key " + Pickles.describe(k) + " is not a string");
                    byte[] count = raw.readNBytes(8);
                    if (count.length != 8) throw new CheckpointException(file + ": truncated before storage " + key);
                    long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    StorageRef ref = roots.get(key);
                    if (ref == null) throw new CheckpointException(file + ": storage " + key + " is not used by the checkpoint");
                    long bytes;
                    try {
                        bytes = Math.multiplyExact(numel, ref.type().dtype.size());
                    } catch (ArithmeticException e) {
                        throw new CheckpointException(file + ": storage " + key + " claims " + numel + " elements");
                    }
                    position += 8;
                    // Compared as "bytes > length - position": the sum could overflow for a forged count near 2^63.
                    if (numel != ref.numel() || bytes < 0 || bytes > length - position) {
                        throw new CheckpointException(file + ": storage " + key + " claims " + numel
                                + " elements, which the file (" + length + " bytes) cannot hold or the tensors do not expect");
                    }
                    source.positions.put(key, position);
                    raw.skipNBytes(bytes);
                    position += bytes;
                }
                return new Loaded(root, source);
            }
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The object and where its storages are. */
    record Loaded(Object root, LegacyCheckpoint storages) {}

    /** Legacy persistent id: ('storage', storage_type, root_key, location, size, view_metadata). */
    private StorageRef storage(Object[] pid, Map<String, StorageRef> roots) {
        StorageRef root = PersistentIds.storage(file, pid, 5);
        StorageRef known = roots.putIfAbsent(root.key(), root);
        if (known != null && (known.numel() != root.numel() || known.type() != root.type())) {
            throw new CheckpointException(file + ": storage " + root.key() + " is described twice, differently");
        }
        if (pid.length > 5 && pid[5] instanceof Object[] view && view.length == 3) {
            long offset = TorchGlobals.number(view[1], "view offset");
            long size = TorchGlobals.number(view[2], "view size");
            if (offset < 0 || size < 0 || offset > root.numel() - size) { // no overflow: both are non-negative
                throw new CheckpointException(file + ": storage view outside storage " + root.key());
            }
            return new StorageRef(root.key(), root.type(), root.numel(), offset);
        }
        return root;
    }

    @Override
    public ByteBuffer read(String key, StorageType type, long numel) throws IOException {
        Long position = positions.get(key);
        if (position == null) throw new CheckpointException(file + ": storage " + key + " has no data");
        long bytes = numel * type.dtype.size();
        if (bytes > Integer.MAX_VALUE - 8) throw new CheckpointException(file + ": storage " + key + " is larger than 2 GiB");
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) throw new CheckpointException(file + ": storage " + key + " is truncated");
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
