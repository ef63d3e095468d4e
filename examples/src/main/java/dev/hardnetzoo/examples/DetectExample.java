package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.hardnetdet.BoxPainter;
import dev.hardnetzoo.hardnetdet.Detection;
import dev.hardnetzoo.hardnetdet.DetectionSettings;
import dev.hardnetzoo.hardnetdet.Detector;
import java.nio.file.Path;

/** Detect objects with SSD-HarDNet and draw them. Args: MODEL WEIGHTS IMAGE OUT.png [MIN_SCORE]. */
public final class DetectExample {
    public static void main(String[] args) throws Exception {
        String modelId = args.length > 0 ? args[0] : "ssd512-hardnet68";
        Path weights = Path.of(args.length > 1 ? args[1] : "ssd512-hardnet68.safetensors");
        Path imageFile = Path.of(args.length > 2 ? args[2] : "astronaut.png");
        Path out = Path.of(args.length > 3 ? args[3] : "boxes.png");
        float minScore = args.length > 4 ? Float.parseFloat(args[4]) : 0.3f;
        try (Model model = ModelZoo.load(modelId, weights)) {
            Detector detector = new Detector(model, DetectionSettings.official().withScoreThreshold(minScore));
            RgbImage image = Images.read(imageFile);
            var detections = detector.detect(image);
            for (Detection d : detections) {
                System.out.printf("%.2f  %-12s (%.0f, %.0f) - (%.0f, %.0f)%n", d.score(), d.className(), d.x1(), d.y1(), d.x2(), d.y2());
            }
            Images.writePng(out, BoxPainter.draw(image, detections));
        }
    }
}
