package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Classification;
import dev.hardnetzoo.core.zoo.ImageClassifier;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "classify", description = "Top-K ImageNet classes of JPEG/PNG images, with the official preprocessing.")
final class ClassifyCommand extends CliCommand {
    @Parameters(arity = "1..*", description = "Images (JPEG or PNG).")
    List<Path> images;

    @Option(names = "--model", required = true, description = "Classifier id, e.g. hardnet68.")
    String model;

    @Option(names = "--weights", required = true, description = "Weights: .safetensors or a PyTorch checkpoint.")
    Path weights;

    @Option(names = "--top", defaultValue = "5", description = "How many classes (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    BackendMixin backend;

    @Override
    public Integer call() throws Exception {
        Map<String, List<Classification>> results = new LinkedHashMap<>();
        try (Model m = ModelZoo.load(model, weights, backend.backend, backend.options())) {
            ImageClassifier classifier = new ImageClassifier(m);
            for (Path image : images) results.put(image.toString(), classifier.classify(image, top));
        }
        if (json) {
            out().println(Json.of(results));
            return 0;
        }
        results.forEach((image, top) -> {
            out().println(image);
            for (Classification c : top) {
                out().printf(Locale.ROOT, "  %6.2f%%  %4d  %s%n", 100 * c.probability(), c.index(), c.label());
            }
        });
        return 0;
    }
}
