package dev.hardnetzoo.core.models.hardnet;

import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import java.util.List;
import java.util.function.UnaryOperator;

/** Registers the four HarDNet ImageNet classifiers with the zoo. */
public final class HarDNetModels implements ModelProvider {

    @Override
    public List<ModelSpec> models() {
        return List.of(
                spec(HarDNet.HARDNET39DS, "HarDNet-39DS, depthwise-separable, ImageNet classifier"),
                spec(HarDNet.HARDNET68DS, "HarDNet-68DS, depthwise-separable, ImageNet classifier"),
                spec(HarDNet.HARDNET68, "HarDNet-68 ImageNet classifier"),
                spec(HarDNet.HARDNET85, "HarDNet-85 ImageNet classifier"));
    }

    private static ModelSpec spec(HarDNet.Config cfg, String description) {
        return ModelSpec.imagenetClassifier(cfg.id(), description, HarDNet.classifierWeight(cfg), UnaryOperator.identity(),
                (input, classes) -> HarDNet.build(cfg, input, classes));
    }

    @Override
    public boolean builtIn() {
        return true;
    }
}
