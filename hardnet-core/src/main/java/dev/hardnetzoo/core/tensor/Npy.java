package dev.hardnetzoo.core.tensor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding C-order little-endian
 * float32 or float64 arrays, the format of the reference inputs and outputs. float64 is
 * converted to float32 on reading; writing always produces float32, version 1.0.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes so it can be memory-mapped. */
    private static final int ALIGN = 64;
    private static final int READ_CHUNK = 1 << 20;
    /** numpy itself refuses headers over 10000 bytes by default; a shape needs far less. */
    private static final long MAX_HEADER = 1 << 16;

    private Npy() {}

    /** Reads an array; every problem is an IOException whose message starts with the file name. */
    public static Tensor read(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new FileSystemException(file.toString(), null, "is a directory, not an .npy file");
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, ".npy file not found");
        try (FileChannel ch = FileChannel.open(file)) {
            long fileSize = ch.size();
            ByteBuffer pre = readFully(ch, file, 0, (int) Math.min(12, fileSize));
            if (pre.limit() < 10 || !pre.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
                throw problem(file, "not an npy file (bad magic string)");
            }
            int major = pre.get(6);
            int lengthBytes = switch (major) {
                case 1 -> 2;
                case 2, 3 -> 4;
                default -> throw problem(file, "unsupported npy format version " + major + "." + pre.get(7));
            };
            if (pre.limit() < 8 + lengthBytes) throw problem(file, "truncated header");
            long headerLength = lengthBytes == 2 ? pre.getShort(8) & 0xFFFF : pre.getInt(8) & 0xFFFFFFFFL;
            long headerStart = 8 + lengthBytes;
            if (headerLength > MAX_HEADER) {
                throw problem(file, "header length " + headerLength + " exceeds the limit of " + MAX_HEADER + " bytes");
            }
            if (headerLength > fileSize - headerStart) {
                throw problem(file, "header length " + headerLength + " exceeds the file size " + fileSize);
            }
            // Version 3 allows UTF-8 in field names; earlier versions are latin-1.
            Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            String text = cs.decode(readFully(ch, file, headerStart, (int) headerLength)).toString();
            NpyHeader header;
            try {
                header = NpyHeader.parse(text);
            } catch (IllegalArgumentException e) {
                throw problem(file, "malformed header: " + e.getMessage());
            }
            Dtype dtype = dtype(file, header);
            Shape shape = shape(file, header.shape());
            long dataStart = headerStart + headerLength;
            long need = shape.size() * dtype.size();
            long have = fileSize - dataStart;
            if (have < need) {
                throw problem(file, "truncated data: shape " + shape + " of " + header.descr() + " needs " + need
                        + " bytes but the file has " + have);
            }
            if (have > need) throw problem(file, (have - need) + " unexpected bytes after the data");
            return new Tensor(shape, readData(ch, file, dataStart, dtype, (int) shape.size()));
        }
    }

    /** Writes a C-order little-endian float32 array (format 1.0), atomically. */
    public static void write(Path file, Tensor tensor) throws IOException {
        String dict = NpyHeader.format(tensor.shape());
        int unpadded = MAGIC.length + 4 + dict.length() + 1; // magic, version, length, dict, newline
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > 0xFFFF) throw new IllegalArgumentException(file + ": header too long for npy 1.0");
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        AtomicFiles.write(file, out -> {
            out.write(pre.array());
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            LittleEndian.writeFloats(out, tensor.data());
        });
    }

    private static Dtype dtype(Path file, NpyHeader h) throws IOException {
        if (h.fortranOrder()) throw problem(file, "fortran_order arrays are not supported (save with C order)");
        return switch (h.descr()) {
            case "<f4" -> Dtype.F32;
            case "<f8" -> Dtype.F64;
            default -> throw problem(file, h.descr().startsWith(">")
                    ? "big-endian data ('" + h.descr() + "') is not supported"
                    : "unsupported dtype '" + h.descr() + "' (only '<f4' and '<f8' are read)");
        };
    }

    private static Shape shape(Path file, long[] dims) throws IOException {
        long size = 1;
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            // One float[] must hold it all, and a bound here also keeps the product from overflowing.
            if (dims[i] > Integer.MAX_VALUE || size > Integer.MAX_VALUE - 8) {
                throw problem(file, "shape " + Arrays.toString(dims) + " is too large");
            }
            ints[i] = (int) dims[i];
        }
        return Shape.of(ints);
    }

    private static float[] readData(FileChannel ch, Path file, long start, Dtype dtype, int count) throws IOException {
        float[] out = new float[count];
        int perChunk = READ_CHUNK / dtype.size();
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            dtype.decode(readFully(ch, file, start + (long) done * dtype.size(), n * dtype.size()), out, done, n);
            done += n;
        }
        return out;
    }

    private static ByteBuffer readFully(FileChannel ch, Path file, long position, int length) throws IOException {
        ByteBuffer buf = LittleEndian.readFully(ch, position, length);
        if (buf == null) throw new EOFException(file + ": unexpected end of file");
        return buf;
    }

    private static IOException problem(Path file, String what) {
        return new IOException(file + ": " + what);
    }
}
