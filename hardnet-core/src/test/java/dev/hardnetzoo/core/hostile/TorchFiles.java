package dev.hardnetzoo.core.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes both {@code torch.save} layouts around hand-made pickles and storages. */
public final class TorchFiles {
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private TorchFiles() {}

    /** A zip checkpoint as torch.save writes it: {@code archive/data.pkl} and {@code archive/data/<key>}, stored. */
    public static byte[] zip(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        return zipOf(entries(pickle, storages), false);
    }

    /** The same layout with every entry deflated, as a re-zipped file (or a zip bomb) would be. */
    public static byte[] zipDeflated(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        return zipOf(entries(pickle, storages), true);
    }

    /** A zip with exactly these entries, in order. */
    public static byte[] zipOf(Map<String, byte[]> entries, boolean deflated) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) entry(zip, e.getKey(), e.getValue(), deflated);
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] pickle, Map<String, byte[]> storages) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        storages.forEach((key, data) -> entries.put("archive/data/" + key, data));
        return entries;
    }

    /**
     * The legacy layout: pickles of the magic number, protocol 1001, sys_info and {@code root},
     * the pickled key list, then each storage as its element count ({@code counts}) and bytes.
     */
    public static byte[] legacy(byte[] root, Map<String, byte[]> storages, Map<String, Long> counts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new PickleBuilder().proto(2).bigInteger(LEGACY_MAGIC).stop().bytes());
        out.writeBytes(new PickleBuilder().proto(2).integer(1001).stop().bytes());
        out.writeBytes(new PickleBuilder().proto(2).emptyDict().stop().bytes());
        out.writeBytes(root);
        PickleBuilder keys = new PickleBuilder().proto(2).mark();
        storages.keySet().forEach(keys::unicode);
        out.writeBytes(keys.list().stop().bytes());
        for (var e : storages.entrySet()) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(counts.get(e.getKey())).array());
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    /** A state_dict pickle of float tensors, each a contiguous view of its own storage {@code "0"}, {@code "1"}, … */
    public static byte[] stateDict(boolean legacyPid, Map<String, long[]> shapes) {
        PickleBuilder p = new PickleBuilder().proto(2).global("collections", "OrderedDict").emptyTuple().reduce();
        int key = 0;
        for (var e : shapes.entrySet()) {
            long[] size = e.getValue();
            p.tensorEntry(e.getKey(), "FloatStorage", Integer.toString(key++), count(size), legacyPid, 0, size, strides(size));
        }
        return p.stop().bytes();
    }

    public static long count(long[] size) {
        long n = 1;
        for (long d : size) n *= d;
        return n;
    }

    public static long[] strides(long[] size) {
        long[] s = new long[size.length];
        long acc = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= size[i];
        }
        return s;
    }

    /** {@code count} little-endian float32 values, all {@code value}. */
    public static byte[] floats(int count, float value) {
        ByteBuffer b = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) b.putFloat(value);
        return b.array();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data, boolean deflated) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (!deflated) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        OutputStream o = zip;
        o.write(data);
        zip.closeEntry();
    }
}
