package dev.hardnetzoo.examples.compare;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;

/**
 * How long and at what size to measure. The default stays reasonable on two cores: segmentation
 * inputs halved per side until they fit {@code maxSegmentationPixels} (Cityscapes' 1024x2048
 * runs at 512x1024, CamVid's 352x480 as is), and as many timed runs as fit a per-model time
 * budget. {@link #quick()} is a smoke run: smaller segmentation inputs, a short budget.
 *
 * @param maxSegmentationPixels largest height x width a segmentation model runs at
 * @param fixedSize        when set, every model runs at this size instead
 * @param warmup           unrecorded runs after the first
 * @param budgetMs         time the timed runs of one model should take, roughly
 * @param minIterations    timed runs at least, whatever the budget
 * @param maxIterations    timed runs at most
 */
public record ComparisonPlan(long maxSegmentationPixels, Size fixedSize, int warmup, double budgetMs,
                             int minIterations, int maxIterations) {

    /** An input height and width. */
    public record Size(int height, int width) {}

    /**
     * Five warm-up runs: the JIT compiles the Vector API kernels over the first few, so fewer time
     * the compiler. About 5 s of timed runs per model, 3 to 200: a median of a few runs moved by
     * a third on a shared 2-vCPU host (HarDNet-39DS 12.2 ms against 7-9 in 300-run benches).
     */
    public static ComparisonPlan standard() {
        return new ComparisonPlan(512 * 1024, null, 5, 5_000, 3, 200);
    }

    public static ComparisonPlan quick() {
        return new ComparisonPlan(256 * 512, null, 1, 1_000, 2, 3);
    }

    /** Every model at {@code height x width}. */
    public ComparisonPlan atSize(int height, int width) {
        return new ComparisonPlan(maxSegmentationPixels, new Size(height, width), warmup, budgetMs, minIterations, maxIterations);
    }

    public ComparisonPlan withWarmup(int warmupRuns) {
        return new ComparisonPlan(maxSegmentationPixels, fixedSize, warmupRuns, budgetMs, minIterations, maxIterations);
    }

    /** Exactly {@code warmup} warm-up and {@code iterations} timed runs, whatever they take. */
    public ComparisonPlan withRuns(int warmupRuns, int iterations) {
        return new ComparisonPlan(maxSegmentationPixels, fixedSize, warmupRuns, 0, iterations, iterations);
    }

    /** The input a model is compared at: its own for classification and detection (SSD's priors fix it). */
    public Shape inputFor(ModelSpec spec) {
        Shape own = spec.defaultInput();
        if (fixedSize != null) return Shape.nchw(1, own.c(), fixedSize.height(), fixedSize.width());
        if (spec.task() != Task.SEGMENTATION) return own;
        int h = own.h();
        int w = own.w();
        while ((long) h * w > maxSegmentationPixels && h / 2 >= spec.minInputSize() && w / 2 >= spec.minInputSize()) {
            h /= 2;
            w /= 2;
        }
        return Shape.nchw(1, own.c(), h, w);
    }

    /** Timed runs for a model whose warm run (after the warm-up) took {@code runMs}. */
    public int iterationsFor(double runMs) {
        long fit = Math.round(budgetMs / Math.max(runMs, 1e-3));
        return (int) Math.max(minIterations, Math.min(maxIterations, fit));
    }
}
