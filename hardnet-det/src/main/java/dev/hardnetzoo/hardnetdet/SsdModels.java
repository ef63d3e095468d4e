package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.image.ChannelOrder;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Registers the SSD-HarDNet detectors. The class count comes from the weights: {@code conf.0}
 * predicts every class for each of the first source's 6 priors per cell.
 */
public final class SsdModels implements ModelProvider {

    @Override
    public List<ModelSpec> models() {
        return List.of(
                spec("ssd512-hardnet68", HarDNetSsdBackbone.HARDNET68, 512, 81, "SSD512 on HarDNet-68 (COCO: 81 classes, VOC: 21)"),
                spec("ssd300-hardnet68", HarDNetSsdBackbone.HARDNET68, 300, 21, "SSD300 on HarDNet-68 (VOC: 21 classes, COCO: 81)"),
                spec("ssd512-hardnet85", HarDNetSsdBackbone.HARDNET85, 512, 81, "SSD512 on HarDNet-85 (COCO: 81 classes, VOC: 21)"));
    }

    /** The reference test transform: cv2 resize to size x size, BGR, minus the (104, 117, 123) means, no scaling. */
    public static Preprocessing preprocessing(int size) {
        return new Preprocessing(0, size, size, 0, 0, ChannelOrder.BGR, 1f,
                new float[] {104, 117, 123}, new float[] {1, 1, 1});
    }

    /** A spec for an SSD of the reference layout on any backbone (e.g. to compare backbones). */
    public static ModelSpec spec(String id, SsdBackbone backbone, int size, int defaultClasses, String description) {
        return new ModelSpec(id, Task.DETECTION, description, Shape.nchw(1, 3, size, size), size,
                defaultClasses, "conf.0.bias", DetectionLabels.forClasses(defaultClasses), preprocessing(size),
                UnaryOperator.identity(), (input, classes) -> Ssd.build(backbone, Ssd.extrasFor(size),
                        boxesPerCell(PriorConfig.forModel(size, classes)), input, classes),
                boxesPerCell(PriorConfig.forModel(size, defaultClasses))[0]);
    }

    private static ModelSpec spec(String id, HarDNetSsdBackbone.Config cfg, int size, int defaultClasses, String description) {
        return spec(id, new HarDNetSsdBackbone(cfg), size, defaultClasses, description);
    }

    static int[] boxesPerCell(PriorConfig cfg) {
        int[] boxes = new int[cfg.featureMaps().length];
        for (int k = 0; k < boxes.length; k++) boxes[k] = cfg.boxesPerCell(k);
        return boxes;
    }

    @Override
    public boolean builtIn() {
        return true;
    }
}
