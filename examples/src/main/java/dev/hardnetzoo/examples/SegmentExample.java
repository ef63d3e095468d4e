package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.hardnetseg.ClassArea;
import dev.hardnetzoo.hardnetseg.SegmentationResult;
import dev.hardnetzoo.hardnetseg.Segmenter;
import java.nio.file.Path;

/** The README's segmentation example. Args: MODEL WEIGHTS IMAGE MASK.png OVERLAY.png. */
public final class SegmentExample {
    public static void main(String[] args) throws Exception {
        String modelId = args.length > 0 ? args[0] : "fchardnet70";
        Path weights = Path.of(args.length > 1 ? args[1] : "fchardnet70.safetensors");
        Path imageFile = Path.of(args.length > 2 ? args[2] : "street01.jpg");
        Path maskFile = Path.of(args.length > 3 ? args[3] : "mask.png");
        Path overlayFile = Path.of(args.length > 4 ? args[4] : "overlay.png");
        try (Model model = ModelZoo.load(modelId, weights)) {
            RgbImage image = Images.read(imageFile);
            SegmentationResult result = new Segmenter(model).segment(image);
            Images.writePng(maskFile, result.colourMask().toBufferedImage());
            Images.writePng(overlayFile, result.overlay(image, 0.5).toBufferedImage());
            for (ClassArea area : result.classAreas()) {
                System.out.printf("%5.1f%%  %s%n", 100 * area.fraction(), area.name());
            }
        }
    }
}
