package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.tensor.OutputFolders;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.compare.ComparisonPlan;
import dev.hardnetzoo.examples.compare.ComparisonReport;
import dev.hardnetzoo.examples.compare.ComparisonRow;
import dev.hardnetzoo.examples.compare.ComparisonRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = {
        "The HarDNet paper's comparison on this engine, grouped by task: params, MACs, CIO, MoC, peak activation",
        "memory and measured latency (random weights: speed does not depend on weight values).",
        "Prints Markdown tables and writes compare.csv, compare.json and PNG charts (latency vs MACs, latency vs CIO)."})
final class CompareCommand extends CliCommand {
    @Parameters(arity = "0..*", description = "Model ids (default: every model in the zoo).")
    List<String> models = new ArrayList<>();

    @Option(names = "--size", converter = ImageSize.Converter.class,
            description = "Run every model at this HxW, or one number for a square (default: classifiers and detectors at their own size, "
                    + "segmentation halved per side down to at most 512x1024 pixels, 256x512 with --quick).")
    ImageSize size;

    @Option(names = "--quick", description = "A short run: small segmentation inputs, few timed runs.")
    boolean quick;

    @Option(names = "--warmup", description = "Unrecorded runs per model after the first (default: 5; with --quick 1).")
    Integer warmup;

    @Option(names = "--iters", description = "Timed runs per model (default: as many as fit about 5 s at a warm run's"
            + " time, 3 to 200; with --quick about 1 s, 2 to 3).")
    Integer iters;

    @Option(names = "--out", defaultValue = "compare-results", description = "Folder for the CSV, JSON and charts (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--json", description = "Print the rows as JSON instead of the tables.")
    boolean json;

    @Mixin
    BackendMixin backend;

    @Override
    public Integer call() throws Exception {
        List<ModelSpec> specs = models.isEmpty()
                ? ModelZoo.list() // already by task
                : models.stream().map(ModelZoo::get).toList();
        ComparisonRunner runner = new ComparisonRunner(plan(), backend.backend, backend.options());
        OutputFolders.check(outDir.resolve(ComparisonReport.CSV)); // before the timing, which takes minutes
        List<ComparisonRow> rows = new ArrayList<>();
        try (ProgressBar progress = Progress.bar(err(), "compare", specs.size(), "")) {
            for (ModelSpec spec : specs) {
                progress.setExtraMessage(spec.id());
                rows.add(runner.measure(spec));
                progress.step();
            }
        }
        ComparisonReport report = new ComparisonReport(rows);
        List<Path> files = report.writeTo(outDir);
        if (json) {
            out().println(report.json());
            return 0;
        }
        out().printf("%nRandom weights (latency does not depend on weight values); backend %s, %d threads, batch 1.%n",
                backend.backend, backend.options().threads());
        out().print(report.markdown());
        out().printf("%nWrote %s%n", String.join(", ", files.stream().map(Path::toString).toList()));
        return 0;
    }

    private ComparisonPlan plan() {
        if (warmup != null) requireAtLeast("--warmup", warmup, 0);
        if (iters != null) requireAtLeast("--iters", iters, 1);
        ComparisonPlan plan = quick ? ComparisonPlan.quick() : ComparisonPlan.standard();
        if (size != null) plan = plan.atSize(size.height(), size.width());
        if (warmup != null) plan = plan.withWarmup(warmup);
        if (iters != null) plan = plan.withRuns(plan.warmup(), iters);
        return plan;
    }
}
