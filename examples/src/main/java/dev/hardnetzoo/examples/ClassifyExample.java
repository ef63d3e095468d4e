package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.zoo.Classification;
import dev.hardnetzoo.core.zoo.ImageClassifier;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;

/** The README's ten-line example: classify an image with a HarDNet. Args: MODEL WEIGHTS IMAGE. */
public final class ClassifyExample {
    public static void main(String[] args) throws Exception {
        String modelId = args.length > 0 ? args[0] : "hardnet68";
        Path weights = Path.of(args.length > 1 ? args[1] : "hardnet68.safetensors");
        Path image = Path.of(args.length > 2 ? args[2] : "cat.png");
        try (Model model = ModelZoo.load(modelId, weights)) {
            for (Classification c : new ImageClassifier(model).classify(image, 5)) {
                System.out.printf("%5.1f%%  %s%n", 100 * c.probability(), c.label());
            }
        }
    }
}
