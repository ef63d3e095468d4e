package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.OutputFolders;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", description = "Write randomly initialised weights under the official names (deterministic per seed).")
final class InitCommand extends CliCommand {
    @Parameters(index = "0", description = "Model id.")
    String model;

    @Option(names = "--out", required = true, description = "Output .safetensors file.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--classes", description = "Class count (default: the model's).")
    Integer classes;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = ModelZoo.get(model);
        int n = classes == null ? spec.defaultClasses() : classes;
        requireAtLeast("--classes", n, 1);
        OutputFolders.check(out);
        Graph graph = spec.architecture().build(spec.defaultInput(), n);
        Map<String, Tensor> tensors = RandomWeights.generate(graph, seed);
        Map<String, String> metadata = Map.of("model", spec.id(), "classes", Integer.toString(n),
                "seed", Long.toString(seed), "init", "random");
        OutputFolders.write(out, () -> Safetensors.write(out, tensors, metadata));
        out().printf("wrote %s: %d tensors, %s parameters, random (seed %d)%n", out, tensors.size(),
                Units.grouped(graph.parameterCount()), seed);
        return 0;
    }
}
