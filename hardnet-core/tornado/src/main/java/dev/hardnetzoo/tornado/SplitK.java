package dev.hardnetzoo.tornado;

/**
 * How many ways a {@link Kernels#tiledConv} cuts its reduction (split-K). Late layers of a
 * classifier at batch 1 have small output planes and deep reductions: a 7x7 plane with 1024
 * output channels is 64 tiles, one work-group each, which leaves most of a GPU's
 * multiprocessors idle while each group walks thousands of (tap, channel) steps. Cutting the
 * reduction into splits gives the device enough groups; {@link Kernels#splitKSum} then adds the
 * partial sums, at the cost of writing and reading splits x K x columns floats.
 */
final class SplitK {
    /**
     * Work-groups a convolution should launch at least: several per multiprocessor of a large
     * GPU (an H100/H200 has 132). -Dhardnet.tornado.splitK=N sets it for any device; 0 turns
     * split-K off.
     */
    static final String TARGET_GROUPS_PROPERTY = "hardnet.tornado.splitK";
    private static final int GPU_TARGET_GROUPS = 1024;
    /** Fewest (tap, channel slice) steps per split, so a split's partials are worth their traffic. */
    private static final int MIN_STEPS_PER_SPLIT = 8;

    private SplitK() {}

    /**
     * The target for a device: {@value #GPU_TARGET_GROUPS} on GPUs, none elsewhere. A CPU
     * (OpenCL through PoCL) runs work-groups a few at a time, so more of them only add partial
     * sums: hardnet68 took 1574 ms instead of 1127 with split-K on this machine's 2 cores.
     */
    static int targetGroups(boolean gpu) {
        int target = Integer.getInteger(TARGET_GROUPS_PROPERTY, gpu ? GPU_TARGET_GROUPS : 0);
        if (target < 0) {
            throw new IllegalArgumentException("-D" + TARGET_GROUPS_PROPERTY + "=" + target + ": expected 0 (off) or a number of work-groups");
        }
        return target;
    }

    /** Splits for a convolution of {@code tiles} output tiles and {@code steps} reduction steps (1: no split). */
    static int splits(int tiles, int steps, int targetGroups) {
        if (tiles >= targetGroups) return 1;
        int wanted = (targetGroups + tiles - 1) / tiles;
        return Math.max(1, Math.min(wanted, steps / MIN_STEPS_PER_SPLIT));
    }
}
