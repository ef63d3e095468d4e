package dev.hardnetzoo.core.plan;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.ParamSpec;
import dev.hardnetzoo.core.passes.Passes;

/**
 * The Java heap one CPU run of a model needs, from shapes alone. Weights are counted three times:
 * the loaded tensors, plus the BatchNorm-folded and the packed copies the compiled kernels build
 * (the folded ones are garbage once packed, but all three are live while compiling). Activations
 * are the memory plan's arena; the caller's input and the copied-out outputs come on top.
 * The recommended {@code -Xmx} assumes the default G1 collector, whose humongous regions let one
 * large array use any free part of the heap; Serial and Parallel GC keep large arrays in the old
 * generation, only part of the heap, and need more.
 *
 * @param weightBytes     every tensor of the weights file the graph reads, float32
 * @param activationBytes the activation arena: peak activation memory
 * @param ioBytes         the input tensor and the output tensors handed back
 */
public record HeapEstimate(long weightBytes, long activationBytes, long ioBytes) {
    /** What the JVM itself and small allocations (thread scratch, class metadata on heap) take. */
    static final long JVM_BASELINE_BYTES = 64L << 20;
    /** Garbage-collector headroom over the live bytes, as a fraction. */
    static final double GC_HEADROOM = 0.25;

    public static HeapEstimate of(Graph graph) {
        long weights = 0;
        for (ParamSpec p : graph.params().values()) weights += p.shape().size();
        long io = graph.inputShape().size();
        for (int id : graph.outputs()) io += graph.node(id).shape().size();
        MemoryPlan plan = MemoryPlanner.plan(Passes.optimize(graph));
        return new HeapEstimate(weights * Float.BYTES, plan.peakActivationBytes(), io * Float.BYTES);
    }

    /** Bytes live at the peak of compiling and running once. */
    public long runBytes() {
        return 3 * weightBytes + activationBytes + ioBytes;
    }

    /** A {@code -Xmx} that runs the model: the live bytes, GC headroom and the JVM's baseline. */
    public long recommendedMaxHeapBytes() {
        return (long) Math.ceil(runBytes() * (1 + GC_HEADROOM)) + JVM_BASELINE_BYTES;
    }
}
