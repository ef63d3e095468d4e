package dev.hardnetzoo.hardnetseg;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.Task;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Images in, per-pixel classes out, with the model's own preprocessing (for FC-HarDNet-70 the
 * official BGR Cityscapes normalisation). Works for any zoo model whose task is segmentation:
 * logits smaller than the image (e.g. HRNet's 1/4 resolution) are resized bilinearly first.
 */
public final class Segmenter {
    private final Model model;
    private final Palette palette;

    public Segmenter(Model model) {
        if (model.spec().task() != Task.SEGMENTATION) {
            throw new IllegalArgumentException(model.spec().id() + " is a " + model.spec().task().label()
                    + " model, not a segmentation model");
        }
        if (model.spec().preprocessing().cropHeight() > 0) {
            // logits of a crop cannot be mapped back onto the whole image
            throw new IllegalArgumentException(model.spec().id() + " crops its input, so it cannot label every pixel of an image");
        }
        this.model = model;
        this.palette = Palette.forLabels(model.spec().labels(), model.numClasses());
    }

    public Palette palette() {
        return palette;
    }

    public SegmentationResult segment(Path image) throws IOException {
        return segment(Images.read(image));
    }

    /** The class of every pixel of {@code image}, at the image's own size. */
    public SegmentationResult segment(RgbImage image) {
        return fromLogits(logits(image), image.width(), image.height());
    }

    /** The model's logits for {@code image}, [1, classes, h, w] at the size the model gives. */
    public Tensor logits(RgbImage image) {
        Tensor input = model.spec().preprocessing().apply(image);
        return model.run(input);
    }

    /** Resizes logits to {@code width x height} if needed and takes the per-pixel argmax. */
    public SegmentationResult fromLogits(Tensor logits, int width, int height) {
        if (logits.shape().c() != palette.size()) {
            throw new IllegalArgumentException("logits have " + logits.shape().c() + " classes, the palette " + palette.size());
        }
        int[] classes = ClassMaps.argmax(ClassMaps.resize(logits, height, width));
        return new SegmentationResult(width, height, classes, palette);
    }
}
