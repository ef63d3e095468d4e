package dev.hardnetzoo.core.weights.torch;

import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensors of an official PyTorch checkpoint ({@code .pth}, {@code .pkl}) without
 * Python, as safely as {@code torch.load(weights_only=True)}: both {@code torch.save} formats,
 * a bare state_dict or one wrapped in {@code model_state}/{@code state_dict}, DataParallel's
 * {@code module.} prefix removed, every tensor converted to float32.
 */
public final class TorchCheckpoint {
    /** No state_dict's pickle (names and shapes only) comes near this. */
    public static final long MAX_PICKLE_BYTES = 64L << 20;
    private static final List<String> WRAPPERS = List.of("model_state", "state_dict");

    /** The tensors by (prefix-stripped) name, and the entries that were not tensors and were dropped. */
    public record Contents(Map<String, Tensor> tensors, List<String> dropped) {}

    private TorchCheckpoint() {}

    /** True when {@code file} starts like a {@code torch.save} file (zip or legacy pickle). */
    public static boolean looksLikeCheckpoint(Path file) throws IOException {
        byte[] head = firstBytes(file);
        return isZip(head) || isPickle(head);
    }

    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
        byte[] head = firstBytes(file);
        if (isZip(head)) {
            try (ZipCheckpoint zip = ZipCheckpoint.open(file); InputStream pickle = zip.pickle(MAX_PICKLE_BYTES)) {
                Object root = Pickles.read(file, pickle, pid -> PersistentIds.storage(file, pid, 5));
                return collect(file, root, zip);
            }
        }
        if (isPickle(head)) {
            LegacyCheckpoint.Loaded loaded = LegacyCheckpoint.open(file, MAX_PICKLE_BYTES);
            try (LegacyCheckpoint storages = loaded.storages()) {
                return collect(file, loaded.root(), storages);
            }
        }
        throw new CheckpointException(file + ": not a PyTorch checkpoint (neither the zip nor the legacy format)");
    }

    private static Contents collect(Path file, Object root, StorageSource source) throws IOException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new CheckpointException(file + ": holds a " + typeName(root) + ", not a state_dict");
        }
        List<String> dropped = new ArrayList<>();
        Map<?, ?> stateDict = top;
        for (String wrapper : WRAPPERS) {
            if (top.get(wrapper) instanceof Map<?, ?> inner) {
                stateDict = inner;
                for (Object k : top.keySet()) if (!wrapper.equals(k)) dropped.add(k instanceof String name ? name : Pickles.describe(k));
                break;
            }
        }
        Map<String, float[]> decoded = new HashMap<>();
        Map<String, StorageRef> described = new HashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        // Many tensors may view one storage, so a small file could ask for far more than it holds.
        long limit = MemoryLimit.defaultBytes();
        long needed = 0;
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                dropped.add(Pickles.describe(e.getKey()) + " (" + typeName(e.getValue()) + ")");
                continue;
            }
            if (!(e.getValue() instanceof TensorRef ref)) {
                dropped.add(key + " (" + typeName(e.getValue()) + ")");
                continue;
            }
            String name = key.startsWith("module.") ? key.substring("module.".length()) : key;
            if (tensors.containsKey(name)) throw new CheckpointException(file + ": tensor '" + name + "' appears twice");
            StorageRef first = described.putIfAbsent(ref.storage().key(), ref.storage());
            if (first != null && (first.type() != ref.storage().type() || first.numel() != ref.storage().numel())) {
                throw new CheckpointException(file + ": storage " + ref.storage().key() + " is described twice, differently");
            }
            long count = elementCount(file, name, ref);
            needed += count * Float.BYTES + (first == null ? Math.min(ref.storage().numel(), Integer.MAX_VALUE) * Float.BYTES : 0);
            if (needed > limit) {
                throw new CheckpointException(file + ": its tensors need more than " + MemoryLimit.format(needed)
                        + ", over the memory limit of " + MemoryLimit.format(limit) + " (" + MemoryLimit.PROPERTY + ")");
            }
            float[] storage = decoded.get(ref.storage().key());
            if (storage == null) {
                storage = decode(file, source, ref.storage());
                decoded.put(ref.storage().key(), storage);
            }
            tensors.put(name, gather(ref, count, storage));
        }
        return new Contents(tensors, List.copyOf(dropped));
    }

    private static float[] decode(Path file, StorageSource source, StorageRef s) throws IOException {
        if (s.numel() > Integer.MAX_VALUE - 8) throw new CheckpointException(file + ": storage " + s.key() + " has too many elements");
        ByteBuffer bytes = source.read(s.key(), s.type(), s.numel());
        float[] out = new float[(int) s.numel()];
        s.type().dtype.decode(bytes, out, 0, out.length);
        return out;
    }

    /** Copies a strided view out of its storage ({@link #elementCount} checked that it stays inside). */
    private static Tensor gather(TensorRef ref, long count, float[] storage) {
        int[] size = ref.size();
        long[] stride = ref.stride();
        Tensor t = Tensor.zeros(Shape.of(size));
        if (count == 0) return t;
        int base = (int) (ref.storage().elementOffset() + ref.offset());
        float[] out = t.data();
        if (isContiguous(size, stride)) {
            System.arraycopy(storage, base, out, 0, out.length);
            return t;
        }
        int[] index = new int[size.length];
        for (int i = 0; i < out.length; i++) {
            long at = base;
            for (int d = 0; d < size.length; d++) at += index[d] * stride[d];
            out[i] = storage[(int) at];
            for (int d = size.length - 1; d >= 0 && ++index[d] == size[d]; d--) index[d] = 0;
        }
        return t;
    }

    /**
     * The tensor's element count, once its furthest element is known to lie inside its storage
     * (exact arithmetic: a forged offset or stride must not wrap around into range).
     */
    private static long elementCount(Path file, String name, TensorRef ref) {
        int[] size = ref.size();
        long[] stride = ref.stride();
        try {
            long count = 1;
            for (int d : size) count = Math.multiplyExact(count, d);
            if (count == 0) return 0;
            if (count > Integer.MAX_VALUE - 8) throw new CheckpointException(file + ": tensor '" + name + "' is too large");
            long base = Math.addExact(ref.storage().elementOffset(), ref.offset());
            long last = base;
            for (int i = 0; i < size.length; i++) last = Math.addExact(last, Math.multiplyExact(size[i] - 1L, stride[i]));
            if (base < 0 || last >= ref.storage().numel()) throw outside(file, name, ref);
            return count;
        } catch (ArithmeticException e) {
            throw outside(file, name, ref);
        }
    }

    private static CheckpointException outside(Path file, String name, TensorRef ref) {
        return new CheckpointException(file + ": tensor '" + name + "' of size " + java.util.Arrays.toString(ref.size())
                + " at offset " + ref.offset() + " reaches outside its storage " + ref.storage().key()
                + " of " + ref.storage().numel() + " elements");
    }

    private static boolean isContiguous(int[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) return false;
            expected *= size[d];
        }
        return true;
    }

    private static byte[] firstBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }

    private static boolean isZip(byte[] head) {
        return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Legacy files start with a protocol-2 pickle: PROTO 0x80, then the version. */
    private static boolean isPickle(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
