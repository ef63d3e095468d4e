package dev.hardnetzoo.hardnetseg.models;

import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.Task;
import dev.hardnetzoo.hardnetseg.Palette;
import java.util.List;
import java.util.function.UnaryOperator;

/** Registers FC-HarDNet-70 (Cityscapes) and the paper's CamVid FC-HarDNet-68/76/84 with the zoo. */
public final class FcHarDNetModels implements ModelProvider {
    /** Five 2x downsamplings after two strided stem convs: smaller inputs pool to nothing. */
    private static final int FCHARDNET70_MIN_SIZE = 64;
    /** Five 2x AvgPools after a stride-1 stem. */
    private static final int CAMVID_MIN_SIZE = 32;

    @Override
    public List<ModelSpec> models() {
        Palette cityscapes = Palette.cityscapes();
        Palette camvid = Palette.camvid();
        return List.of(
                spec(FcHarDNet.FCHARDNET70, "FC-HarDNet-70 semantic segmentation, Cityscapes (official PingoLH/FCHarDNet)",
                        Shape.nchw(1, 3, 1024, 2048), FCHARDNET70_MIN_SIZE, cityscapes, FcHarDNet.cityscapesPreprocessing()),
                spec(FcHarDNet.FCHARDNET68, "FC-HarDNet-68 semantic segmentation, CamVid (HarDNet paper, Table 3)",
                        Shape.nchw(1, 3, 352, 480), CAMVID_MIN_SIZE, camvid, FcHarDNet.camvidPreprocessing()),
                spec(FcHarDNet.FCHARDNET76, "FC-HarDNet-76 semantic segmentation, CamVid (HarDNet paper, Table 3)",
                        Shape.nchw(1, 3, 352, 480), CAMVID_MIN_SIZE, camvid, FcHarDNet.camvidPreprocessing()),
                spec(FcHarDNet.FCHARDNET84, "FC-HarDNet-84 semantic segmentation, CamVid (HarDNet paper, Table 3)",
                        Shape.nchw(1, 3, 352, 480), CAMVID_MIN_SIZE, camvid, FcHarDNet.camvidPreprocessing()));
    }

    private static ModelSpec spec(FcHarDNet.Config cfg, String description, Shape input, int minSize, Palette palette,
                                  Preprocessing preprocessing) {
        return new ModelSpec(cfg.id(), Task.SEGMENTATION, description, input, minSize, palette.size(),
                FcHarDNet.CLASSIFIER_WEIGHT, palette.names(), preprocessing, UnaryOperator.identity(),
                (shape, classes) -> FcHarDNet.build(cfg, shape, classes));
    }

    @Override
    public boolean builtIn() {
        return true;
    }
}
