package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.StagedFiles;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.hardnetdet.BoxPainter;
import dev.hardnetzoo.hardnetdet.Detection;
import dev.hardnetzoo.hardnetdet.DetectionSettings;
import dev.hardnetzoo.hardnetdet.Detector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "detect", description = "Objects in JPEG/PNG images with an SSD detector: class, score, box in image pixels.")
final class DetectCommand extends CliCommand {
    @Mixin
    ImageInputs images;

    @Mixin
    ModelOptions model;

    @Option(names = "--score", defaultValue = "0.3",
            description = "Lowest class score shown (default: ${DEFAULT-VALUE}; the official evaluation uses 0.005).")
    float score;

    @Option(names = "--nms", defaultValue = "0.45", description = "NMS IoU threshold (default: ${DEFAULT-VALUE}).")
    float nms;

    @Option(names = "--top-k", defaultValue = "50", description = "Boxes kept per class (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--max", defaultValue = "300", description = "Boxes kept per image (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--out", description = "PNG with the boxes drawn; a folder when several images are given.")
    Path out;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** One image's result, as printed in JSON. */
    record ImageDetections(String image, int width, int height, List<Detection> detections) {}

    @Override
    public Integer call() throws Exception {
        DetectionSettings settings = DetectionSettings.official().withScoreThreshold(score).withNmsIou(nms)
                .withTopKPerClass(topK).withMaxPerImage(max);
        images.checkDistinctNames(out);
        images.check();
        images.checkOutputs(".boxes.png", out);
        List<ImageDetections> results = new ArrayList<>();
        List<Path> drawn = new ArrayList<>();
        // The pictures appear together once every image is done: a failure on a later image leaves none.
        try (Model m = model.load(); StagedFiles outputs = new StagedFiles()) {
            Detector detector = new Detector(m, settings);
            model.weights.noteIfRandom(err());
            for (Path file : images.files) {
                RgbImage image = Images.read(file);
                List<Detection> found = detector.detect(image);
                results.add(new ImageDetections(file.toString(), image.width(), image.height(), found));
                if (out != null) {
                    Path png = images.outputFor(out, file, ".boxes.png");
                    outputs.write(png, stream -> Images.encodePng(BoxPainter.draw(image, found), stream));
                    drawn.add(png);
                }
            }
            outputs.commit();
        }
        drawn.forEach(png -> err().println("wrote " + png));
        if (json) {
            out().println(Json.of(results));
            return 0;
        }
        for (ImageDetections r : results) {
            out().printf(Locale.ROOT, "%s (%dx%d): %d objects%n", r.image(), r.width(), r.height(), r.detections().size());
            for (Detection d : r.detections()) {
                out().printf(Locale.ROOT, "  %5.3f  %-16s [%7.1f, %7.1f, %7.1f, %7.1f]%n", d.score(), d.className(),
                        d.x1(), d.y1(), d.x2(), d.y2());
            }
        }
        return 0;
    }
}
