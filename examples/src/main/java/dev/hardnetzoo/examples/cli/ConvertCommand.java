package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.tensor.OutputFolders;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.WeightsConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "convert",
        description = "Convert an official PyTorch checkpoint (.pth/.pkl, zip or legacy format) to safetensors, "
                + "checking every tensor name and shape against the model first.")
final class ConvertCommand extends CliCommand {
    @Parameters(index = "0", description = "Checkpoint to read (.pth, .pkl, or .safetensors).")
    Path checkpoint;

    @Option(names = "--model", required = true, description = "Model id the checkpoint belongs to.")
    String model;

    @Option(names = "--out", required = true, description = "Output .safetensors file (written atomically).")
    Path out;

    /** Groups names by their last component, so 74 {@code *.num_batches_tracked} read as one item. */
    static String summarise(List<String> dropped) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : dropped) counts.merge(name.substring(name.lastIndexOf('.') + 1), 1, Integer::sum);
        return counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = ModelZoo.get(model);
        // First: it names a missing checkpoint, a folder or a file of neither format, which isSameFile would not.
        WeightFiles.detect(checkpoint);
        if (Files.exists(out) && Files.isSameFile(out, checkpoint)) {
            throw new IllegalArgumentException("--out " + out + " is the checkpoint itself; choose another file");
        }
        OutputFolders.check(out);
        WeightsConversion.Result result = WeightsConversion.prepare(spec, checkpoint);
        OutputFolders.write(out, () -> WeightsConversion.write(result, checkpoint, out));
        out().printf("wrote %s: %s, %d tensors, %s parameters, %d classes%n", out, spec.id(),
                result.tensors().size(), Units.grouped(result.parameters()), result.classes());
        List<String> dropped = result.dropped();
        if (!dropped.isEmpty()) {
            out().printf("dropped %d entries the model does not use: %s%n", dropped.size(), summarise(dropped));
        }
        return 0;
    }
}
