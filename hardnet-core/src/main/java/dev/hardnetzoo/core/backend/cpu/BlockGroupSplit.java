package dev.hardnetzoo.core.backend.cpu;

/**
 * How the channel-vector conv kernels cut a conv into tasks: (batch item, run of output-channel
 * blocks, run of pixel groups). Blocks are split first, so a task reads only its blocks' weights,
 * which then stay in cache across its pixel groups; runs of groups keep every thread busy when
 * there are fewer blocks than tasks wanted (128 channels are three 48-channel blocks).
 */
record BlockGroupSplit(int blocks, int groups, int blockRuns, int groupRuns) {

    /** About {@code target} tasks for {@code batch} items. */
    static BlockGroupSplit of(int batch, int blocks, int groups, int target) {
        int blockRuns = Math.min(blocks, Math.max(1, (target + batch - 1) / batch));
        return new BlockGroupSplit(blocks, groups, blockRuns, groupRuns(batch * blockRuns, groups, target));
    }

    /** About {@code target} tasks for {@code batch} items, each task taking all blocks of its groups. */
    static BlockGroupSplit byGroups(int batch, int blocks, int groups, int target) {
        return new BlockGroupSplit(blocks, groups, 1, groupRuns(batch, groups, target));
    }

    private static int groupRuns(int tasks, int groups, int target) {
        return Math.min(groups, Math.max(1, (target + tasks - 1) / tasks));
    }

    /** Tasks for {@code batch} items. */
    int tasks(int batch) { return batch * blockRuns * groupRuns; }

    /** Task t's batch item. */
    int item(int t) { return t / (blockRuns * groupRuns); }

    int blockStart(int t) { return part(t / groupRuns % blockRuns, blocks, blockRuns); }

    int blockEnd(int t) { return part(t / groupRuns % blockRuns + 1, blocks, blockRuns); }

    int groupStart(int t) { return part(t % groupRuns, groups, groupRuns); }

    int groupEnd(int t) { return part(t % groupRuns + 1, groups, groupRuns); }

    private static int part(int run, int length, int runs) {
        return (int) ((long) run * length / runs);
    }
}
