package dev.hardnetzoo.examples.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes.NodeTime;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's time goes, per {@link LayerClass}: our layers' mean times summed per class and,
 * when a peer engine was profiled too, its nodes' beside them, so the classes where one engine
 * is behind stand out. Rows are sorted by the larger of the two times.
 */
public final class LayerComparison {
    /**
     * One class: how many layers each engine ran in it, their summed mean time and multiply-adds
     * (convolutions; 0 otherwise); peer fields null without a peer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String layerClass, int layers, double ms, long macs, Integer peerLayers, Double peerMs, Long peerMacs) {
        /** Our rate in GFLOP/s (2 FLOPs per multiply-add), or 0 without multiply-adds or time. */
        public double gflops() {
            return rate(macs, ms);
        }

        /** The peer's rate in GFLOP/s, or 0. */
        public double peerGflops() {
            return peerMacs == null ? 0 : rate(peerMacs, peerMs);
        }

        private static double rate(long macs, double ms) {
            return macs > 0 && ms > 0 ? 2.0 * macs / ms / 1e6 : 0;
        }
    }

    private LayerComparison() {}

    /** Our layer times by class; {@code peer} may be null. */
    public static List<Row> of(List<LayerTime> ours, List<NodeTime> peer) {
        Map<String, double[]> sums = new LinkedHashMap<>(); // class -> [layers, ms, macs, peer layers, peer ms, peer macs]
        for (LayerTime t : ours) add(sums, LayerClass.of(t), 0, t.meanMs(), LayerClass.macs(t));
        if (peer != null) for (NodeTime n : peer) add(sums, LayerClass.of(n), 3, n.meanMs(), LayerClass.macs(n));
        return sums.entrySet().stream()
                .map(e -> new Row(e.getKey(), (int) e.getValue()[0], e.getValue()[1], (long) e.getValue()[2],
                        peer == null ? null : (int) e.getValue()[3], peer == null ? null : e.getValue()[4],
                        peer == null ? null : (long) e.getValue()[5]))
                .sorted(Comparator.comparingDouble((Row r) -> -Math.max(r.ms(), r.peerMs() == null ? 0 : r.peerMs())))
                .toList();
    }

    private static void add(Map<String, double[]> sums, String layerClass, int at, double ms, long macs) {
        double[] s = sums.computeIfAbsent(layerClass, k -> new double[6]);
        s[at] += 1;
        s[at + 1] += ms;
        s[at + 2] += macs;
    }

    /** A table of the rows, with totals; {@code peerName} null without a peer. */
    public static void print(List<Row> rows, String peerName, PrintWriter out) {
        boolean withPeer = peerName != null;
        out.printf(Locale.ROOT, "  %-34s %14s %8s%s%n", "layer class", "hardnet", "GFLOP/s",
                withPeer ? String.format(Locale.ROOT, "   %14s %8s %7s", peerName, "GFLOP/s", "ratio") : "");
        double total = 0;
        double peerTotal = 0;
        for (Row r : rows) {
            total += r.ms();
            out.printf(Locale.ROOT, "  %-34s %s %s", r.layerClass(), cell(r.layers(), r.ms()), rate(r.gflops()));
            if (withPeer) {
                peerTotal += r.peerMs();
                out.printf(Locale.ROOT, "   %s %s %s", cell(r.peerLayers(), r.peerMs()), rate(r.peerGflops()), ratio(r.ms(), r.peerMs()));
            }
            out.println();
        }
        out.printf(Locale.ROOT, "  %-34s %8.2f ms      %8s", "total (summed layer times)", total, "");
        if (withPeer) out.printf(Locale.ROOT, "         %8.2f ms %8s %s", peerTotal, "", ratio(total, peerTotal));
        out.println();
    }

    /** A rate, or blank for a class without multiply-adds. */
    private static String rate(double gflops) {
        return gflops > 0 ? String.format(Locale.ROOT, "%8.1f", gflops) : " ".repeat(8);
    }

    /** "12 x  3.41 ms", or blank for a class the engine has no layer in. */
    private static String cell(int layers, double ms) {
        return layers == 0 ? " ".repeat(14) : String.format(Locale.ROOT, "%3d x %6.2f ms", layers, ms);
    }

    private static String ratio(double ms, double peerMs) {
        return ms > 0 && peerMs > 0 ? String.format(Locale.ROOT, "%6.2fx", ms / peerMs) : "      -";
    }
}
