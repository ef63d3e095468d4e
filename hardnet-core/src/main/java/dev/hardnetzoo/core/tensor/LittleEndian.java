package dev.hardnetzoo.core.tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.FloatBuffer;

/** Streams float32 data as little-endian bytes, the byte order of every file format we write. */
public final class LittleEndian {
    private static final int CHUNK_FLOATS = 1 << 14;

    private LittleEndian() {}

    public static void writeFloats(OutputStream out, float[] data) throws IOException {
        // Through a small buffer so a large tensor is never copied whole.
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int i = 0; i < data.length; i += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, data.length - i);
            floats.clear();
            floats.put(data, i, n);
            out.write(bytes.array(), 0, n * Float.BYTES);
        }
    }

    /**
     * Reads exactly {@code length} bytes at {@code position} as a little-endian buffer, or returns
     * null when the file ends first, so each format can name the problem its own way.
     */
    public static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) return null;
        }
        return buf.flip();
    }
}
