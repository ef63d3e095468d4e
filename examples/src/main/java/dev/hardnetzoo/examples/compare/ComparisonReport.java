package dev.hardnetzoo.examples.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hardnetzoo.core.tensor.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison as text and files: Markdown tables per task, {@code compare.csv}, {@code compare.json}, charts. */
public final class ComparisonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CSV_HEADER = "task,model,input,params,macs,cio,moc,peakActivationBytes,medianMs,minMs,"
            + "iterations,backend,threads,weights";

    private final List<ComparisonRow> rows;

    public ComparisonReport(List<ComparisonRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<ComparisonRow> rows() { return rows; }

    /** Rows by task, tasks in order of first appearance, models by MACs within each. */
    public Map<String, List<ComparisonRow>> byTask() {
        Map<String, List<ComparisonRow>> groups = new LinkedHashMap<>();
        for (ComparisonRow r : rows) groups.computeIfAbsent(r.task(), t -> new ArrayList<>()).add(r);
        groups.values().forEach(g -> g.sort(Comparator.comparingLong(ComparisonRow::macs)));
        return groups;
    }

    /** One Markdown table per task. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<ComparisonRow>> group : byTask().entrySet()) {
            md.append("\n### ").append(group.getKey()).append("\n\n");
            md.append("| model | input | params | MACs | CIO | MoC | peak activations | median latency | min latency |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ComparisonRow r : group.getValue()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f M | %.3f G | %.2f M | %.1f | %.1f MiB | %.1f ms | %.1f ms |%n",
                        r.model(), r.input(), r.params() / 1e6, r.macs() / 1e9, r.cio() / 1e6, r.moc(),
                        r.peakActivationBytes() / (1024.0 * 1024.0), r.medianMs(), r.minMs()));
            }
        }
        return md.toString();
    }

    public String csv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (ComparisonRow r : rows) {
            csv.append(String.join(",", r.task(), r.model(), r.input(), Long.toString(r.params()), Long.toString(r.macs()),
                    Long.toString(r.cio()), Double.toString(r.moc()), Long.toString(r.peakActivationBytes()),
                    Double.toString(r.medianMs()), Double.toString(r.minMs()), Integer.toString(r.iterations()),
                    r.backend(), Integer.toString(r.threads()), r.weights())).append('\n');
        }
        return csv.toString();
    }

    public String json() throws IOException {
        return JSON.writeValueAsString(rows);
    }

    /** The first file {@link #writeTo} writes. */
    public static final String CSV = "compare.csv";

    /** Writes compare.csv, compare.json and two charts per task into {@code dir}; returns every file written. */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(writeText(dir.resolve(CSV), csv()));
        files.add(writeText(dir.resolve("compare.json"), json()));
        for (Map.Entry<String, List<ComparisonRow>> group : byTask().entrySet()) {
            files.addAll(ComparisonCharts.write(dir, group.getKey(), group.getValue()));
        }
        return files;
    }

    private static Path writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return file;
    }
}
