package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.OutputFolders;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Raw forward pass: NCHW float32 .npy in, the model's raw output (.npy) out.")
final class RunCommand extends CliCommand {
    @Parameters(index = "0", description = "Model id.")
    String model;

    @Mixin
    WeightsOption weights;

    @Option(names = "--input", required = true, description = "Input .npy, float32 NCHW.")
    Path input;

    @Option(names = "--output", required = true, description = "Output .npy.")
    Path output;

    @Mixin
    BackendMixin backend;

    @Override
    public Integer call() throws Exception {
        Tensor in = Npy.read(input);
        OutputFolders.check(output);
        try (Model m = backend.load(model, weights.file)) {
            Tensor out = m.run(in);
            OutputFolders.write(output, () -> Npy.write(output, out));
            weights.noteIfRandom(err()); // after the run, which can still fail on the input
            out().printf("%s %s -> %s written to %s%n", model, in.shape(), out.shape(), output);
        }
        return 0;
    }
}
