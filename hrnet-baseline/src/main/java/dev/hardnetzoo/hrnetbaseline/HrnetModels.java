package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.image.ChannelOrder;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Labels;
import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Registers the HRNetV2 segmentation baselines and the HRNet-W18-Small-v2 ImageNet classifier,
 * each described by a YAML configuration shipped under {@code dev/hardnetzoo/hrnetbaseline/configs/}.
 * {@link #segmentation} and {@link #classifier} make a zoo model of any other configuration,
 * e.g. a new width read with {@link HrnetConfig#load}.
 */
public final class HrnetModels implements ModelProvider {
    /** Cityscapes frames at full resolution, as the official evaluation runs them. */
    public static final Shape CITYSCAPES_INPUT = Shape.nchw(1, 3, 1024, 2048);

    @Override
    public List<ModelSpec> models() {
        return List.of(
                segmentation("hrnetv2-w18-small-v2", HrnetConfig.builtIn("hrnetv2-w18-small-v2"),
                        "HRNetV2-W18-Small-v2 semantic segmentation (Cityscapes)"),
                segmentation("hrnetv2-w18", HrnetConfig.builtIn("hrnetv2-w18"), "HRNetV2-W18 semantic segmentation (Cityscapes)"),
                segmentation("hrnetv2-w48", HrnetConfig.builtIn("hrnetv2-w48"), "HRNetV2-W48 semantic segmentation (Cityscapes)"),
                classifier("hrnet_w18_small_v2", HrnetConfig.builtIn("hrnet_w18_small_v2"),
                        "HRNet-W18-Small-v2 ImageNet classifier (timm names)"));
    }

    /**
     * A Cityscapes segmentation model of {@code config}: input 1024x2048, logits at 1/4 of the
     * input size. Any input size works (every stride rounds up and every upsampling goes to an
     * exact size), so the minimum is 1x1. Loads our safetensors and the official trained
     * checkpoints as they are ({@code model.}-prefixed keys, the loss's class weights ignored).
     */
    public static ModelSpec segmentation(String id, HrnetConfig config, String description) {
        return new ModelSpec(id, Task.SEGMENTATION, description, CITYSCAPES_INPUT, 1, config.numClasses(),
                HrnetV2Segmentation.CLASSIFIER_WEIGHT, config.numClasses() == 19 ? Labels.cityscapes() : List.of(),
                cityscapesPreprocessing(), HrnetV2Segmentation::checkpointKey,
                (input, classes) -> HrnetV2Segmentation.build(config, input, classes));
    }

    /**
     * An ImageNet classifier of {@code config} with timm's state_dict names: input 224x224
     * (any multiple of 32), timm's evaluation preprocessing for HRNet (bilinear resize to 256,
     * centre crop 224, ImageNet mean and std: the same as torchvision's).
     */
    public static ModelSpec classifier(String id, HrnetConfig config, String description) {
        return new ModelSpec(id, Task.CLASSIFICATION, description, Shape.nchw(1, 3, 224, 224), HrnetClassifier.INPUT_MULTIPLE,
                config.numClasses(), HrnetClassifier.CLASSIFIER_WEIGHT,
                config.numClasses() == 1000 ? Labels.imagenet1k() : List.of(), Preprocessing.imagenet(),
                UnaryOperator.identity(), (input, classes) -> HrnetClassifier.build(config, input, classes));
    }

    /**
     * The official Cityscapes {@code input_transform}: the whole frame, no resize, RGB,
     * value / 255, then ImageNet mean and std.
     */
    public static Preprocessing cityscapesPreprocessing() {
        return new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1f / 255,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public boolean builtIn() {
        return true;
    }
}
