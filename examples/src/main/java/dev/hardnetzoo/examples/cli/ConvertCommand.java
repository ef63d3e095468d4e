package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.WeightsConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "convert",
        description = "Convert an official PyTorch checkpoint (.pth/.pkl, zip or legacy format) to safetensors, "
                + "checking every tensor name and shape against the model first.")
final class ConvertCommand extends CliCommand {
    /** Dropped keys listed by name before the summary switches to a count. */
    private static final int LISTED = 8;

    @Parameters(index = "0", description = "Checkpoint to read (.pth, .pkl, or .safetensors).")
    Path checkpoint;

    @Option(names = "--model", required = true, description = "Model id the checkpoint belongs to.")
    String model;

    @Option(names = "--out", required = true, description = "Output .safetensors file (written atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = ModelZoo.get(model);
        if (Files.exists(out) && Files.isSameFile(out, checkpoint)) {
            throw new IllegalArgumentException("--out " + out + " is the checkpoint itself; choose another file");
        }
        WeightsConversion.Result result = WeightsConversion.prepare(spec, checkpoint);
        WeightsConversion.write(result, checkpoint, out);
        out().printf("wrote %s: %s, %d tensors, %s parameters, %d classes%n", out, spec.id(),
                result.tensors().size(), Units.grouped(result.parameters()), result.classes());
        List<String> dropped = result.dropped();
        if (!dropped.isEmpty()) {
            String listed = String.join(", ", dropped.subList(0, Math.min(LISTED, dropped.size())));
            String more = dropped.size() > LISTED ? ", ... (" + (dropped.size() - LISTED) + " more)" : "";
            out().printf("dropped %d entries the model does not use: %s%s%n", dropped.size(), listed, more);
        }
        return 0;
    }
}
