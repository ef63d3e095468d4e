package dev.hardnetzoo.core.hostile;

import static dev.hardnetzoo.core.hostile.Parsers.Kind.CHECKPOINT;
import static dev.hardnetzoo.core.hostile.Parsers.Kind.IMAGE;
import static dev.hardnetzoo.core.hostile.Parsers.Kind.NPY;
import static dev.hardnetzoo.core.hostile.Parsers.Kind.SAFETENSORS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The hostile-file corpus: truncated data, sizes near 2^63, overlapping and out-of-range
 * offsets, duplicate names, zip path traversal and bombs, deep and exponential pickles,
 * forbidden globals, huge image headers. Each file is generated here, so a reader can see
 * exactly what it contains. {@code main(dir)} writes them all, e.g. as fuzzing seeds.
 */
public final class HostileFiles {
    private HostileFiles() {}

    public static List<HostileFile> all() {
        return List.of(
                // --- safetensors
                new HostileFile("st-too-short.safetensors", SAFETENSORS, "too short", () -> new byte[3]),
                new HostileFile("st-header-near-2pow63.safetensors", SAFETENSORS, "exceeds the limit",
                        () -> safetensors(Long.MAX_VALUE - 7, "{}", new byte[0])),
                new HostileFile("st-header-2pow64-1.safetensors", SAFETENSORS, "exceeds the limit",
                        () -> safetensors(-1, "{}", new byte[0])),
                new HostileFile("st-header-past-eof.safetensors", SAFETENSORS, "truncated file",
                        () -> safetensors(1000, "{}", new byte[0])),
                new HostileFile("st-offsets-overlap.safetensors", SAFETENSORS, "overlapping tensor 'a'",
                        () -> safetensors("{\"a\":" + f32("[4]", 0, 16) + ",\"b\":" + f32("[4]", 8, 24) + "}", new byte[24])),
                new HostileFile("st-offsets-out-of-range.safetensors", SAFETENSORS, "outside the data section",
                        () -> safetensors("{\"a\":" + f32("[4]", 1L << 40, (1L << 40) + 16) + "}", new byte[16])),
                new HostileFile("st-offsets-reversed.safetensors", SAFETENSORS, "outside the data section",
                        () -> safetensors("{\"a\":" + f32("[4]", 16, 0) + "}", new byte[16])),
                new HostileFile("st-offsets-2pow63.safetensors", SAFETENSORS, "invalid data offset",
                        () -> safetensors("{\"a\":" + f32("[4]", 0, 0) .replace("[0,0]", "[0,9223372036854775808]") + "}", new byte[16])),
                new HostileFile("st-duplicate-name.safetensors", SAFETENSORS, "Duplicate field 'a'",
                        () -> safetensors("{\"a\":" + f32("[1]", 0, 4) + ",\"a\":" + f32("[1]", 4, 8) + "}", new byte[8])),
                new HostileFile("st-shape-overflow.safetensors", SAFETENSORS, "overflows",
                        () -> safetensors("{\"a\":" + f32("[2147483647,2147483647,2147483647]", 0, 0) + "}", new byte[0])),
                new HostileFile("st-shape-size-mismatch.safetensors", SAFETENSORS, "needs 16",
                        () -> safetensors("{\"a\":" + f32("[4]", 0, 8) + "}", new byte[8])),
                new HostileFile("st-unknown-dtype.safetensors", SAFETENSORS, "unknown dtype",
                        () -> safetensors("{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16])),
                new HostileFile("st-not-json.safetensors", SAFETENSORS, "malformed header JSON",
                        () -> safetensors("{\"a\": nope", new byte[0])),
                new HostileFile("st-nesting-2000.safetensors", SAFETENSORS, "malformed header JSON",
                        () -> safetensors("{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", new byte[0])),
                new HostileFile("st-metadata-not-string.safetensors", SAFETENSORS, "value 'model' is not a string",
                        () -> safetensors("{\"__metadata__\":{\"model\":[1]}}", new byte[0])),

                // --- PyTorch checkpoints
                new HostileFile("pt-zip-path-traversal.pth", CHECKPOINT, "unsafe path",
                        () -> zipEntries("archive/data.pkl", emptyStateDict(), "archive/../../../tmp/hardnet-pwned", new byte[4])),
                new HostileFile("pt-zip-absolute-path.pth", CHECKPOINT, "unsafe path",
                        () -> zipEntries("archive/data.pkl", emptyStateDict(), "/tmp/hardnet-pwned", new byte[4])),
                new HostileFile("pt-zip-truncated.pth", CHECKPOINT, "not a readable zip checkpoint", () -> {
                    byte[] whole = TorchFiles.zip(TorchFiles.stateDict(false, Map.of("w", new long[] {4})),
                            Map.of("0", TorchFiles.floats(4, 1f)));
                    return Arrays.copyOf(whole, whole.length / 2);
                }),
                new HostileFile("pt-zip-bomb-storage.pth", CHECKPOINT, "zip bomb", () -> TorchFiles.zipDeflated(
                        TorchFiles.stateDict(false, Map.of("w", new long[] {4 << 20})), Map.of("0", new byte[16 << 20]))),
                new HostileFile("pt-zip-bomb-pickle.pth", CHECKPOINT, "over the limit",
                        () -> TorchFiles.zipDeflated(new byte[65 << 20], Map.of())),
                new HostileFile("pt-global-os-system.pth", CHECKPOINT, "refused global 'os.system'", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).global("os", "system").mark().unicode("touch /tmp/hardnet-pwned").tuple()
                                .reduce().stop().bytes(), Map.of())),
                new HostileFile("pt-global-builtins-eval.pth", CHECKPOINT, "refused global 'builtins.eval'", () -> TorchFiles.zip(
                        new PickleBuilder().proto(4).stackGlobal("builtins", "eval").mark().unicode("1+1").tuple()
                                .reduce().stop().bytes(), Map.of())),
                new HostileFile("pt-legacy-global-posix-system.pth", CHECKPOINT, "refused global 'posix.system'",
                        () -> TorchFiles.legacy(new PickleBuilder().proto(2).global("posix", "system").mark().unicode("id")
                                .tuple().reduce().stop().bytes(), Map.of(), Map.of())),
                new HostileFile("pt-inst-opcode.pth", CHECKPOINT, "class instantiation", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).mark().op('i').raw("os\nsystem\n".getBytes(StandardCharsets.US_ASCII))
                                .stop().bytes(), Map.of())),
                new HostileFile("pt-nested-100k.pth", CHECKPOINT, "not a state_dict", () -> {
                    PickleBuilder p = new PickleBuilder().proto(2);
                    for (int i = 0; i < 100_000; i++) p.mark();
                    for (int i = 0; i < 100_000; i++) p.list();
                    return TorchFiles.zip(p.stop().bytes(), Map.of());
                }),
                new HostileFile("pt-exponential-key.pth", CHECKPOINT, "unhashable", () -> {
                    // list_i = [list_(i-1), list_(i-1)]: 60 levels share sub-lists, so hashing one visits 2^60 nodes.
                    PickleBuilder p = new PickleBuilder().proto(2).emptyList().memoize().op('0');
                    for (int i = 1; i <= 60; i++) p.mark().op('h').op(i - 1).op('h').op(i - 1).list().memoize().op('0');
                    p.emptyDict().op('h').op(60).none().setItem();
                    return TorchFiles.zip(p.stop().bytes(), Map.of());
                }),
                new HostileFile("pt-string-length-2pow31.pth", CHECKPOINT, "truncated", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).unicodeClaiming(0x7FFF_FFF0L, new byte[] {'a', 'b'}).stop().bytes(), Map.of())),
                new HostileFile("pt-view-outside-storage.pth", CHECKPOINT, "reaches outside its storage", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).emptyDict()
                                .tensorEntry("w", "FloatStorage", "0", 4, false, 0, new long[] {100}, new long[] {1}).stop().bytes(),
                        Map.of("0", TorchFiles.floats(4, 1f)))),
                new HostileFile("pt-offset-wraps-around.pth", CHECKPOINT, "reaches outside its storage", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).emptyDict()
                                .tensorEntry("w", "FloatStorage", "0", 4, false, Long.MAX_VALUE, new long[] {2}, new long[] {Long.MAX_VALUE})
                                .stop().bytes(),
                        Map.of("0", TorchFiles.floats(4, 1f)))),
                new HostileFile("pt-storage-described-twice.pth", CHECKPOINT, "described twice", () -> TorchFiles.zip(
                        new PickleBuilder().proto(2).emptyDict()
                                .tensorEntry("a", "FloatStorage", "0", 4, false, 0, new long[] {4}, new long[] {1})
                                .tensorEntry("b", "FloatStorage", "0", 1 << 20, false, 0, new long[] {1 << 20}, new long[] {1})
                                .stop().bytes(),
                        Map.of("0", TorchFiles.floats(4, 1f)))),
                new HostileFile("pt-legacy-count-near-2pow63.pth", CHECKPOINT, "cannot hold", () -> TorchFiles.legacy(
                        new PickleBuilder().proto(2).emptyDict()
                                .tensorEntry("w", "ByteStorage", "0", Long.MAX_VALUE - 8, true, 0, new long[] {4}, new long[] {1})
                                .stop().bytes(),
                        Map.of("0", new byte[4]), Map.of("0", Long.MAX_VALUE - 8))),
                new HostileFile("pt-legacy-truncated.pth", CHECKPOINT, "cannot hold", () -> {
                    byte[] whole = TorchFiles.legacy(TorchFiles.stateDict(true, Map.of("w", new long[] {16})),
                            Map.of("0", TorchFiles.floats(16, 1f)), Map.of("0", 16L));
                    return Arrays.copyOf(whole, whole.length - 10);
                }),
                new HostileFile("pt-legacy-bad-magic.pth", CHECKPOINT, "bad magic number",
                        () -> new PickleBuilder().proto(2).integer(42).stop().bytes()),

                // --- .npy
                new HostileFile("npy-bad-magic.npy", NPY, "bad magic", () -> "not numpy at all".getBytes(StandardCharsets.US_ASCII)),
                new HostileFile("npy-truncated-data.npy", NPY, "truncated data",
                        () -> npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", new byte[8])),
                new HostileFile("npy-header-length-4g.npy", NPY, "exceeds the limit", () -> {
                    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0xFFFF_FFF0);
                    return b.array();
                }),
                new HostileFile("npy-shape-1e15.npy", NPY, "too large",
                        () -> npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", new byte[0])),
                new HostileFile("npy-code-in-header.npy", NPY, "expected a non-negative integer",
                        () -> npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (__import__('os').system('id'),), }", new byte[0])),
                new HostileFile("npy-big-endian.npy", NPY, "big-endian",
                        () -> npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])),
                new HostileFile("npy-trailing-bytes.npy", NPY, "unexpected bytes after the data",
                        () -> npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[12])),

                // --- images
                new HostileFile("img-100k-by-100k.png", IMAGE, "refusing images over", () -> png(100_000, 100_000)),
                new HostileFile("img-0-by-0.png", IMAGE, "image file", () -> png(0, 0)),
                new HostileFile("img-truncated.png", IMAGE, "cannot decode", () -> Arrays.copyOf(onePixelPng(), 45)),
                new HostileFile("img-100k-by-100k.bmp", IMAGE, "Invalid width/height", () -> bmpHeader(100_000, 100_000)),
                new HostileFile("img-not-an-image.png", IMAGE, "not an image file", () -> "GIF? no.".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes every file of the corpus into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (HostileFile f : all()) Files.write(dir.resolve(f.name()), f.content().bytes());
    }

    // ---- builders

    static byte[] safetensors(String json, byte[] data) {
        return safetensors(json.getBytes(StandardCharsets.UTF_8).length, json, data);
    }

    static byte[] safetensors(long declaredLength, String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredLength).put(header).put(data).array();
    }

    private static String f32(String shape, long begin, long end) {
        return "{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    static byte[] npy(int major, String dict, byte[] data) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0}).putShort((short) header.length);
        return b.put(header).put(data).array();
    }

    private static byte[] emptyStateDict() {
        return new PickleBuilder().proto(2).emptyDict().stop().bytes();
    }

    private static byte[] zipEntries(String name1, byte[] data1, String name2, byte[] data2) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(name1, data1);
        entries.put(name2, data2);
        return TorchFiles.zipOf(entries, false);
    }

    /** A PNG signature and IHDR chunk (8-bit RGB) claiming {@code width x height}, with no image data. */
    public static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A complete, valid 1x1 PNG (one red pixel). */
    public static byte[] onePixelPng() {
        try {
            var image = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xFF0000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", new javax.imageio.stream.MemoryCacheImageOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A BMP file header and BITMAPINFOHEADER (24-bit) claiming {@code width x height}, with no pixels. */
    static byte[] bmpHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }
}
