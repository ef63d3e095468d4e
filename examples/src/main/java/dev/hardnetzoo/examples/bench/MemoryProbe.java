package dev.hardnetzoo.examples.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak JVM memory over a measured stretch: heap (the sum of the heap pools' peaks since
 * {@link #start()}, an upper bound on the true peak) and off-heap (the largest total of direct
 * and mapped buffers seen at {@link #sample()}). Native memory of other libraries (e.g. ONNX
 * Runtime's arena) is invisible to the JVM and not counted.
 */
public final class MemoryProbe {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
    private long peakOffHeap;

    private MemoryProbe() {}

    /** Resets the heap peaks and starts watching. */
    public static MemoryProbe start() {
        MemoryProbe probe = new MemoryProbe();
        probe.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        probe.sample();
        return probe;
    }

    /** Records the current off-heap use; call it after each run. */
    public void sample() {
        long used = 0;
        for (BufferPoolMXBean pool : bufferPools) used += Math.max(0, pool.getMemoryUsed());
        peakOffHeap = Math.max(peakOffHeap, used);
    }

    public long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : heapPools) sum += pool.getPeakUsage().getUsed();
        return sum;
    }

    public long peakOffHeapBytes() {
        return peakOffHeap;
    }
}
