package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.compare.ComparisonPlan;
import dev.hardnetzoo.examples.compare.ComparisonReport;
import dev.hardnetzoo.examples.compare.ComparisonRow;
import dev.hardnetzoo.examples.compare.ComparisonRunner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's comparison from code: measure a few zoo models (quick plan, random weights), print
 * the Markdown table and write the CSV, JSON and charts. Args: OUT_DIR [MODEL...].
 */
public final class CompareExample {
    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args.length > 0 ? args[0] : "compare-results");
        List<String> ids = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("hardnet68", "hardnet85", "densenet121");
        ComparisonRunner runner = new ComparisonRunner(ComparisonPlan.quick(), Backends.DEFAULT, BackendOptions.defaults());
        List<ComparisonRow> rows = ids.stream().map(ModelZoo::get).map(runner::measure).toList();
        ComparisonReport report = new ComparisonReport(rows);
        System.out.print(report.markdown());
        for (Path file : report.writeTo(outDir)) System.out.println("wrote " + file);
    }
}
