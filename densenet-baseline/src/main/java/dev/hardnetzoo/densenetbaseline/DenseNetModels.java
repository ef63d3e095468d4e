package dev.hardnetzoo.densenetbaseline;

import dev.hardnetzoo.core.image.ChannelOrder;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Labels;
import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;
import java.util.List;
import java.util.function.UnaryOperator;

/** Registers the DenseNet baselines with the zoo. */
public final class DenseNetModels implements ModelProvider {

    /** efficient_densenet_pytorch's CIFAR-10 normalisation (the training set's per-channel mean and std). */
    static final Preprocessing CIFAR10 = new Preprocessing(0, 32, 32, 0, 0, ChannelOrder.RGB, 1f / 255,
            new float[] {0.49139968f, 0.48215841f, 0.44653091f}, new float[] {0.24703223f, 0.24348513f, 0.26158784f});

    /** pytorch_tiramisu's CamVid normalisation (the training set's per-channel mean and std), full frames. */
    static final Preprocessing CAMVID = new Preprocessing(0, 0, 0, 0, 0, ChannelOrder.RGB, 1f / 255,
            new float[] {0.41189489566336f, 0.4251328133025f, 0.4326707089857f},
            new float[] {0.27413549931506f, 0.28506257482912f, 0.28284674400252f});

    @Override
    public List<ModelSpec> models() {
        return List.of(
                imagenet(DenseNet.DENSENET121, "DenseNet-121 (torchvision), ImageNet classifier"),
                imagenet(DenseNet.DENSENET161, "DenseNet-161 (torchvision), ImageNet classifier"),
                imagenet(DenseNet.DENSENET169, "DenseNet-169 (torchvision), ImageNet classifier"),
                imagenet(DenseNet.DENSENET201, "DenseNet-201 (torchvision), ImageNet classifier"),
                cifar(DenseNet.DENSENET_BC_100_K12, "DenseNet-BC-100 (k=12), CIFAR-10 classifier, 32x32 input"),
                camvid(FcDenseNet.FCDENSENET56, "FC-DenseNet56 (Tiramisu), CamVid segmentation, 11 classes"),
                camvid(FcDenseNet.FCDENSENET103, "FC-DenseNet103 (Tiramisu), CamVid segmentation, 11 classes"));
    }

    private static ModelSpec imagenet(DenseNet.Config cfg, String description) {
        return ModelSpec.imagenetClassifier(cfg.id(), description, DenseNet.CLASSIFIER_WEIGHT, DenseNet::officialKey,
                (input, classes) -> DenseNet.build(cfg, input, classes));
    }

    /** Two 2x2 average pools: any input of at least 4x4 works; trained at 32x32. */
    private static ModelSpec cifar(DenseNet.Config cfg, String description) {
        return new ModelSpec(cfg.id(), Task.CLASSIFICATION, description, Shape.nchw(1, 3, 32, 32), 4, 10,
                DenseNet.CLASSIFIER_WEIGHT, Labels.resource("cifar-10.txt"), CIFAR10, UnaryOperator.identity(),
                (input, classes) -> DenseNet.build(cfg, input, classes));
    }

    /** Five 2x2 max-pools: at least 32x32; CamVid frames are 360x480. 12-class (with void) weights load too. */
    private static ModelSpec camvid(FcDenseNet.Config cfg, String description) {
        return new ModelSpec(cfg.id(), Task.SEGMENTATION, description, Shape.nchw(1, 3, 360, 480), 32, 11,
                FcDenseNet.CLASSIFIER_WEIGHT, Labels.resource("camvid-11.txt"), CAMVID, UnaryOperator.identity(),
                (input, classes) -> FcDenseNet.build(cfg, input, classes));
    }

    @Override
    public boolean builtIn() {
        return true;
    }
}
