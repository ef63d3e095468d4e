package dev.hardnetzoo.core.backend.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Time per compiled step, summed over runs: switched on with {@code -Dhardnet.cpu.profile=true}
 * (wall time) or {@code =cpu} (CPU time of the calling thread: with one thread, the steps' own cost
 * even on a machine busy with other work), and printed to stderr when the executable closes, grouped by step kind and then the slowest
 * single steps, so a kernel change can be aimed at where the time goes. The first
 * {@link #WARM_UP_RUNS} runs (JIT compilation, first-touch page faults) are not counted.
 */
final class StepProfile {
    private static final String MODE = System.getProperty("hardnet.cpu.profile", "false");
    static final boolean ENABLED = MODE.equals("true") || MODE.equals("cpu");
    private static final boolean CPU_TIME = MODE.equals("cpu");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final int WARM_UP_RUNS = 5;
    /** How many of the slowest steps the report lists: {@code -Dhardnet.cpu.profile.steps}, default 25. */
    static final int LISTED_STEPS = Integer.getInteger("hardnet.cpu.profile.steps", 25);

    private final List<String> labels;
    private final long[] nanos;
    private int runs;
    private int skipped;

    StepProfile(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.nanos = new long[labels.size()];
    }

    /** Now, on the profile's clock. */
    static long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    synchronized void add(long[] runNanos) {
        if (skipped < WARM_UP_RUNS) {
            skipped++;
            return;
        }
        for (int i = 0; i < nanos.length; i++) nanos[i] += runNanos[i];
        runs++;
    }

    /** Kind = the label up to its first ':'; the rest names the layer and its sizes. */
    synchronized String report() {
        if (runs == 0) return "cpu profile: no runs after the " + WARM_UP_RUNS + " warm-up runs\n";
        double total = Arrays.stream(nanos).sum();
        Map<String, long[]> byKind = new LinkedHashMap<>();
        for (int i = 0; i < nanos.length; i++) {
            long[] acc = byKind.computeIfAbsent(kind(labels.get(i)), k -> new long[2]);
            acc[0] += nanos[i];
            acc[1]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "cpu profile (%s): %d runs, %.2f ms per run in %d steps%n", CPU_TIME ? "CPU time of the calling thread" : "wall time",
                runs, total / runs / 1e6, nanos.length));
        byKind.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %-28s %8.2f ms %5.1f%%  (%d steps)%n",
                        e.getKey(), e.getValue()[0] / (double) runs / 1e6, 100 * e.getValue()[0] / total, e.getValue()[1])));
        sb.append("  slowest steps:\n");
        IntStream.range(0, nanos.length).boxed().sorted(Comparator.comparingLong(i -> -nanos[i])).limit(LISTED_STEPS)
                .forEach(i -> sb.append(String.format(Locale.ROOT, "  %8.3f ms %5.1f%%  %s%n",
                        nanos[i] / (double) runs / 1e6, 100 * nanos[i] / total, labels.get(i))));
        return sb.toString();
    }

    private static String kind(String label) {
        int colon = label.indexOf(':');
        return colon < 0 ? label : label.substring(0, colon);
    }
}
