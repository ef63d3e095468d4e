package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "models", description = "List the models in the zoo: id, task, default input, parameters.")
final class ModelsCommand extends CliCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelSpec spec : ModelZoo.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", spec.id());
            row.put("task", spec.task().label());
            row.put("input", spec.defaultInput().h() + "x" + spec.defaultInput().w());
            row.put("params", spec.defaultGraph().parameterCount());
            row.put("description", spec.description());
            rows.add(row);
        }
        if (json) {
            out().println(Json.of(rows));
            return 0;
        }
        out().printf("%-24s %-15s %-11s %14s  %s%n", "MODEL", "TASK", "INPUT", "PARAMS", "DESCRIPTION");
        for (Map<String, Object> r : rows) {
            out().printf("%-24s %-15s %-11s %14s  %s%n", r.get("model"), r.get("task"), r.get("input"),
                    Units.grouped((Long) r.get("params")), r.get("description"));
        }
        return 0;
    }
}
