package dev.hardnetzoo.core.weights.torch;

/** What {@code torch._utils._rebuild_tensor_v2} describes: a strided view into a storage. */
record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {}
