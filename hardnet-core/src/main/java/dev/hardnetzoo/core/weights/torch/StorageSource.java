package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a checkpoint's raw storages live (zip entries, or a region of a legacy file). */
interface StorageSource extends AutoCloseable {

    /** The whole root storage {@code key} as little-endian bytes, checked against {@code numel}. */
    ByteBuffer read(String key, StorageType type, long numel) throws IOException;

    @Override
    void close() throws IOException;
}
