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
        return new StorageRef(String.valueOf(pid[2]), type.type(), numel, 0);
    }
}
