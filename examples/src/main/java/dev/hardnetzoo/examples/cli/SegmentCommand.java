package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.hardnetseg.ClassArea;
import dev.hardnetzoo.hardnetseg.SegmentationResult;
import dev.hardnetzoo.hardnetseg.Segmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "segment", description = "Per-pixel classes of images with a segmentation model: colour mask, overlay, class areas.")
final class SegmentCommand extends CliCommand {
    @Parameters(arity = "1..*", description = "Images (JPEG or PNG), segmented at their own size.")
    List<Path> images;

    @Option(names = "--model", required = true, description = "Segmentation model id, e.g. fchardnet70.")
    String model;

    @Option(names = "--weights", required = true, description = "Weights: .safetensors or a PyTorch checkpoint.")
    Path weights;

    @Option(names = "--out", description = "Colour-mask PNG to write (a folder, one <image>.png each, when several images are given).")
    Path out;

    @Option(names = "--overlay", description = "Mask blended over the image, PNG (a folder when several images are given).")
    Path overlay;

    @Option(names = "--alpha", defaultValue = "0.5", description = "Mask weight in the overlay, 0..1 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    BackendMixin backend;

    @Override
    public Integer call() throws Exception {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
        checkDistinctNames();
        List<Map<String, Object>> results = new ArrayList<>();
        try (Model m = ModelZoo.load(model, weights, backend.backend, backend.options())) {
            Segmenter segmenter = new Segmenter(m);
            for (Path image : images) {
                RgbImage rgb = Images.read(image);
                SegmentationResult result = segmenter.segment(rgb);
                Path maskFile = target(out, image);
                Path overlayFile = target(overlay, image);
                if (maskFile != null) Images.writePng(maskFile, result.colourMask().toBufferedImage());
                if (overlayFile != null) Images.writePng(overlayFile, result.overlay(rgb, alpha).toBufferedImage());
                results.add(summary(image, result, maskFile, overlayFile));
            }
        }
        if (json) {
            out().println(Json.of(results));
        } else {
            results.forEach(this::print);
        }
        return 0;
    }

    /** The file for one image's output: the option itself for one image, else a file named after the image in that folder. */
    private Path target(Path option, Path image) throws IOException {
        if (option == null) return null;
        if (images.size() > 1 || Files.isDirectory(option)) {
            Files.createDirectories(option);
            return option.resolve(stem(image) + ".png");
        }
        Path parent = option.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return option;
    }

    private void checkDistinctNames() {
        if (images.size() < 2 || (out == null && overlay == null)) return;
        Set<String> stems = new HashSet<>();
        for (Path image : images) {
            if (!stems.add(stem(image))) {
                throw new IllegalArgumentException("two images are named " + stem(image) + ": their masks would overwrite each other");
            }
        }
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
