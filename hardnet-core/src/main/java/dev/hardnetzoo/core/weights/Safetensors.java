package dev.hardnetzoo.core.weights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hardnetzoo.core.tensor.AtomicFiles;
import dev.hardnetzoo.core.tensor.Dtype;
import dev.hardnetzoo.core.tensor.LittleEndian;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length, a JSON header, then the raw little-endian tensor data.
 */
public final class Safetensors {
    /** Bound on the header, as in the reference implementation, so a corrupt length cannot exhaust memory. */
    static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /**
     * True when {@code file} starts like a safetensors file: its JSON header opens right after the
     * 8-byte length. The length itself is not checked, so a corrupt one still gets {@link #open}'s message.
     */
    public static boolean looksLikeSafetensors(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            return head.length == 9 && head[8] == '{';
        }
    }

    /**
     * Opens a file for reading; tensors are read when asked for. The whole header is validated first; every
     * problem is a {@link WeightsException} naming the file (and tensor).
     */
    public static Weights open(Path file) {
        String source = file.toString();
        FileChannel ch;
        try {
            ch = FileChannel.open(file);
        } catch (IOException e) {
            throw new WeightsException(source + ": cannot open: " + e, e);
        }
        try {
            long size = ch.size();
            if (size < 8) throw new WeightsException(source + ": too short (" + size + " bytes) for a safetensors file");
            long headerLength = read(ch, source, 0, 8).getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER) {
                throw new WeightsException(source + ": header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER + " bytes");
            }
            if (headerLength > size - 8) {
                throw new WeightsException(source + ": header length " + headerLength + " exceeds the file size "
                        + size + " (truncated file?)");
            }
            byte[] json = read(ch, source, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(source, json, size - dataStart);
            return new ChannelSafetensors(source, ch, header, dataStart);
        } catch (IOException e) {
            WeightsException failure = new WeightsException(source + ": cannot read: " + e, e);
            closeQuietly(ch, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(ch, e);
            throw e;
        }
    }

    /**
     * Writes float32 tensors in the map's iteration order, atomically: on failure the target
     * is untouched and no temporary file remains. {@code metadata} may be empty or null.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        // One pass over the map, so the header and the data cannot disagree.
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.entrySet());
        byte[] header = header(file, entries, metadata == null ? Map.of() : metadata);
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (var e : entries) LittleEndian.writeFloats(out, e.getValue().data());
        });
    }

    private static byte[] header(Path file, List<Map.Entry<String, Tensor>> entries, Map<String, String> metadata) {
        ObjectNode root = SafetensorsHeader.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, () -> file + ": metadata '" + k + "' is null")));
        }
        long offset = 0;
        for (var e : entries) {
            String name = Objects.requireNonNull(e.getKey(), () -> file + ": null tensor name");
            Tensor t = Objects.requireNonNull(e.getValue(), () -> file + ": tensor '" + name + "' is null");
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": '" + name + "' cannot be a tensor name");
            }
            long end = offset + (long) t.size() * Dtype.F32.size();
            ObjectNode node = root.putObject(name);
            node.put("dtype", Dtype.F32.name());
            var shape = node.putArray("shape");
            for (int d : t.shape().dims()) shape.add(d);
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        // Pad with spaces so the data section starts 8-byte aligned, as the format recommends.
        int padded = (json.length + 7) & ~7;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static ByteBuffer read(FileChannel ch, String source, long position, int length) throws IOException {
        ByteBuffer buf = LittleEndian.readFully(ch, position, length);
        if (buf == null) throw new WeightsException(source + ": unexpected end of file");
        return buf;
    }

    private static void closeQuietly(FileChannel ch, Throwable failure) {
        try {
            ch.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
