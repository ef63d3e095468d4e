package dev.hardnetzoo.examples.compare;

import dev.hardnetzoo.core.tensor.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paper's two scatter plots per task, as PNG: latency against MACs and latency against CIO
 * (HarDNet's argument is that CIO predicts latency better than MACs). One labelled point per model.
 */
public final class ComparisonCharts {
    private ComparisonCharts() {}

    /** Writes {@code latency-vs-macs-TASK.png} and {@code latency-vs-cio-TASK.png}; returns the files. */
    public static List<Path> write(Path dir, String task, List<ComparisonRow> rows) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(save(dir.resolve("latency-vs-macs-" + task + ".png"),
                chart(task + ": latency vs MACs", "MACs (G)", rows, r -> r.macs() / 1e9)));
        written.add(save(dir.resolve("latency-vs-cio-" + task + ".png"),
                chart(task + ": latency vs CIO", "CIO (M elements)", rows, r -> r.cio() / 1e6)));
        return written;
    }

    static XYChart chart(String title, String xTitle, List<ComparisonRow> rows, ToDoubleFunction<ComparisonRow> x) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle(xTitle).yAxisTitle("median latency (ms)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setChartTitleVisible(true);
        for (ComparisonRow r : rows) {
            chart.addSeries(r.model() + " (" + r.input() + ")", new double[] {x.applyAsDouble(r)}, new double[] {r.medianMs()})
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static Path save(Path file, XYChart chart) throws IOException {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }
}
