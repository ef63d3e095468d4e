package dev.hardnetzoo.core.backend.cpu;

/**
 * Splits {@code items} independent items (planes, batch rows) of {@code length} units each into
 * tasks, cutting each item into parts when there are too few items to keep every thread busy.
 * Task t covers units [start(t), end(t)) of item(t).
 */
record WorkSplit(int items, int length, int parts) {

    /** Tasks per thread we aim for, so uneven tasks still balance. */
    private static final int TASKS_PER_THREAD = 4;

    /** A split whose parts hold at least {@code minUnits} units (unless an item is shorter). */
    static WorkSplit of(int items, int length, int minUnits, Parallel par) {
        int parts = 1;
        if (par.threads() > 1 && items > 0 && length > 0) {
            int target = par.threads() * TASKS_PER_THREAD;
            int wanted = (target + items - 1) / items;
            int allowed = Math.max(1, length / Math.max(1, minUnits));
            parts = Math.max(1, Math.min(wanted, allowed));
        }
        return new WorkSplit(items, length, parts);
    }

    int tasks() { return items * parts; }

    int item(int task) { return task / parts; }

    int start(int task) { return (int) ((long) (task % parts) * length / parts); }

    int end(int task) { return (int) ((long) (task % parts + 1) * length / parts); }
}
