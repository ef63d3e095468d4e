package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Classification;
import dev.hardnetzoo.core.zoo.ImageClassifier;
import dev.hardnetzoo.core.zoo.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "classify", description = "Top-K ImageNet classes of JPEG/PNG images, with the official preprocessing.")
final class ClassifyCommand extends CliCommand {
    @Mixin
    ImageInputs images;

    @Mixin
    ModelOptions model;

    @Option(names = "--top", defaultValue = "5", description = "How many classes (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        images.check();
        Map<String, List<Classification>> results = new LinkedHashMap<>();
        try (Model m = model.load()) {
            ImageClassifier classifier = new ImageClassifier(m);
            model.weights.noteIfRandom(err());
            for (Path image : images.files) results.put(image.toString(), classifier.classify(image, top));
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
