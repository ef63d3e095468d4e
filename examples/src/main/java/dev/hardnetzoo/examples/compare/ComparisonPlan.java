package dev.hardnetzoo.examples.compare;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;

/**
 * How long and at what size to measure. The default stays reasonable on two cores: segmentation
 * at half the Cityscapes resolution, and as many timed runs as fit a per-model time budget.
 * {@link #quick()} is a smoke run: smaller segmentation inputs, one warm-up, a short budget.
 *
 * @param segmentationSize input size of segmentation models
 * @param fixedSize        when set, every model runs at this size instead
 * @param warmup           unrecorded runs after the first
 * @param budgetMs         time the timed runs of one model should take, roughly
 * @param minIterations    timed runs at least, whatever the budget
 * @param maxIterations    timed runs at most
 */
public record ComparisonPlan(Size segmentationSize, Size fixedSize, int warmup, double budgetMs,
                             int minIterations, int maxIterations) {

    /** An input height and width. */
    public record Size(int height, int width) {}

    public static ComparisonPlan standard() {
        return new ComparisonPlan(new Size(512, 1024), null, 1, 10_000, 3, 10);
    }

    public static ComparisonPlan quick() {
        return new ComparisonPlan(new Size(256, 512), null, 1, 1_000, 2, 3);
    }

    /** Every model at {@code height x width}. */
    public ComparisonPlan atSize(int height, int width) {
        return new ComparisonPlan(segmentationSize, new Size(height, width), warmup, budgetMs, minIterations, maxIterations);
    }

    public ComparisonPlan withWarmup(int warmupRuns) {
        return new ComparisonPlan(segmentationSize, fixedSize, warmupRuns, budgetMs, minIterations, maxIterations);
    }

    /** Exactly {@code warmup} warm-up and {@code iterations} timed runs, whatever they take. */
    public ComparisonPlan withRuns(int warmupRuns, int iterations) {
        return new ComparisonPlan(segmentationSize, fixedSize, warmupRuns, 0, iterations, iterations);
    }

    /** The input a model is compared at: its own for classification and detection (SSD's priors fix it). */
    public Shape inputFor(ModelSpec spec) {
        Shape own = spec.defaultInput();
        Size size = fixedSize != null ? fixedSize : spec.task() == Task.SEGMENTATION ? segmentationSize : null;
        return size == null ? own : Shape.nchw(1, own.c(), size.height(), size.width());
    }

    /** Timed runs for a model whose first run took {@code firstRunMs}. */
    public int iterationsAfter(double firstRunMs) {
        long fit = Math.round(budgetMs / Math.max(firstRunMs, 1e-3));
        return (int) Math.max(minIterations, Math.min(maxIterations, fit));
    }
}
