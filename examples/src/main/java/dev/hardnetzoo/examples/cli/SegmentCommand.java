package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.StagedFiles;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.hardnetseg.ClassArea;
import dev.hardnetzoo.hardnetseg.SegmentationResult;
import dev.hardnetzoo.hardnetseg.Segmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "segment", description = "Per-pixel classes of images with a segmentation model: colour mask, overlay, class areas.")
final class SegmentCommand extends CliCommand {
    @Mixin
    ImageInputs images; // segmented at their own size

    @Mixin
    ModelOptions model;

    @Option(names = "--out", description = "Colour-mask PNG to write (a folder, one <image>.png each, when several images are given).")
    Path out;

    @Option(names = "--overlay", description = "Mask blended over the image, PNG (a folder when several images are given).")
    Path overlay;

    @Option(names = "--alpha", defaultValue = "0.5", description = "Mask weight in the overlay, 0..1 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(alpha >= 0 && alpha <= 1)) throw badUsage("--alpha must be in [0, 1], got " + alpha);
        images.checkDistinctNames(out, overlay);
        images.check();
        images.checkOutputs(".png", out, overlay);
        List<Map<String, Object>> results = new ArrayList<>();
        // Masks and overlays appear together once every image is done: a failure on a later image leaves none.
        try (Model m = model.load(); StagedFiles outputs = new StagedFiles()) {
            Segmenter segmenter = new Segmenter(m);
            model.weights.noteIfRandom(err());
            for (Path image : images.files) {
                RgbImage rgb = Images.read(image);
                SegmentationResult result = segmenter.segment(rgb);
                Path maskFile = images.outputFor(out, image, ".png");
                Path overlayFile = images.outputFor(overlay, image, ".png");
                if (maskFile != null) outputs.write(maskFile, stream -> Images.encodePng(result.colourMask().toBufferedImage(), stream));
                if (overlayFile != null) outputs.write(overlayFile, stream -> Images.encodePng(result.overlay(rgb, alpha).toBufferedImage(), stream));
                results.add(summary(image, result, maskFile, overlayFile));
            }
            outputs.commit();
        }
        if (json) {
            out().println(Json.of(results));
        } else {
            results.forEach(this::print);
        }
        return 0;
    }

    private static Map<String, Object> summary(Path image, SegmentationResult r, Path mask, Path overlay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", image.toString());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("mask", mask == null ? null : mask.toString());
        m.put("overlay", overlay == null ? null : overlay.toString());
        m.put("classes", r.classAreas());
        return m;
    }

    private void print(Map<String, Object> r) {
        out().printf("%s  %dx%d%s%s%n", r.get("image"), (Integer) r.get("width"), (Integer) r.get("height"),
                r.get("mask") == null ? "" : "  mask: " + r.get("mask"),
                r.get("overlay") == null ? "" : "  overlay: " + r.get("overlay"));
        @SuppressWarnings("unchecked")
        List<ClassArea> areas = (List<ClassArea>) r.get("classes");
        for (ClassArea a : areas) {
            out().printf(Locale.ROOT, "  %6.2f%%  %2d  %s%n", 100 * a.fraction(), a.trainId(), a.name());
        }
    }
}
