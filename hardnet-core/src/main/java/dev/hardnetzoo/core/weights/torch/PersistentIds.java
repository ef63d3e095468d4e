package dev.hardnetzoo.core.weights.torch;

import java.nio.file.Path;

/** Reads the storage part common to both formats' persistent ids: ('storage', type, key, location, numel, ...). */
final class PersistentIds {
    private PersistentIds() {}

    /** {@code pid[4]} is the element count in both formats; {@code minLength}: 5 (zip) or 6 (legacy). */
    static StorageRef storage(Path file, Object[] pid, int minLength) {
        if (pid.length < minLength || !"storage".equals(pid[0])) {
            throw new CheckpointException(file + ": unexpected persistent id (not a storage)");
        }
        if (!(pid[1] instanceof TorchGlobals.StorageClass type)) {
            throw new CheckpointException(file + ": persistent id names no known storage type");
        }
        long numel = TorchGlobals.number(pid[4], "storage size");
        if (numel < 0) throw new CheckpointException(file + ": negative storage size " + numel);
        if (!(pid[2] instanceof String key)) throw new CheckpointException(file + ": storage key " + Pickles.describe(pid[2]) + " is not a string");
        return new StorageRef(key, type.type(), numel, 0);
    }
}
