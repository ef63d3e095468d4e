package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.hardnetdet.DetectionSettings;
import dev.hardnetzoo.hardnetdet.Detector;
import dev.hardnetzoo.hardnetdet.VocAnnotations;
import dev.hardnetzoo.hardnetdet.VocEvaluator;
import dev.hardnetzoo.hardnetdet.VocResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval-det", description = "PASCAL VOC mAP of a detector over images with VOC XML annotations.")
final class EvalDetCommand extends CliCommand {
    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG");

    @Mixin
    ModelOptions model;

    @Option(names = "--annotations", required = true, description = "Folder of VOC XML files (VOC's Annotations).")
    Path annotations;

    @Option(names = "--images", required = true, description = "Folder of the images, same base names (VOC's JPEGImages).")
    Path imagesDir;

    /** How AP is computed; lower case, as the option is spelled. */
    enum ApMetric { voc07, area }

    @Option(names = "--metric", defaultValue = "voc07",
            description = "AP: voc07 (11-point, the reference's choice for VOC2007) or area (VOC2010+). Default: ${DEFAULT-VALUE}.")
    ApMetric metric;

    @Option(names = "--score", defaultValue = "0.005", description = "Lowest class score kept (default: ${DEFAULT-VALUE}, official).")
    float score;

    @Option(names = "--limit", description = "Evaluate only the first N annotated images (by file name).")
    Integer limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    record Report(String model, ApMetric metric, int images, double mAP, Map<String, Double> ap) {}

    @Override
    public Integer call() throws Exception {
        if (limit != null) requireAtLeast("--limit", limit, 1);
        List<Path> xmls = annotationFiles();
        VocResult result;
        try (Model m = model.load()) {
            Detector detector = new Detector(m, DetectionSettings.official().withScoreThreshold(score));
            model.weights.noteIfRandom(err());
            List<String> classes = detector.labels().subList(1, detector.labels().size());
            VocEvaluator eval = new VocEvaluator(classes);
            try (ProgressBar progress = Progress.bar(err(), "eval-det", xmls.size(), " images")) {
                for (Path xml : xmls) {
                    eval.add(detector.detect(imageFor(xml)), VocAnnotations.read(xml));
                    progress.step();
                }
            }
            result = eval.result(metric == ApMetric.voc07);
        }
        if (json) {
            out().println(Json.of(new Report(model.id, metric, xmls.size(), result.meanAveragePrecision(), result.averagePrecision())));
            return 0;
        }
        result.averagePrecision().forEach((c, ap) -> out().printf(Locale.ROOT, "  %-16s %6.2f%n", c, 100 * ap));
        out().printf(Locale.ROOT, "mAP (%s) over %d images: %.2f%n", metric, xmls.size(), 100 * result.meanAveragePrecision());
        return 0;
    }

    private List<Path> annotationFiles() throws IOException {
        if (!Files.isDirectory(annotations)) throw new IOException("annotation folder " + annotations + " does not exist");
        if (!Files.isDirectory(imagesDir)) throw new IOException("image folder " + imagesDir + " does not exist");
        List<Path> xmls;
        try (Stream<Path> s = Files.list(annotations)) {
            xmls = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        if (xmls.isEmpty()) throw new IOException("no .xml annotation files in " + annotations);
        return limit == null ? xmls : new ArrayList<>(xmls.subList(0, Math.min(limit, xmls.size())));
    }

    private Path imageFor(Path xml) throws IOException {
        String name = xml.getFileName().toString();
        String stem = name.substring(0, name.length() - ".xml".length());
        for (String ext : IMAGE_EXTENSIONS) {
            Path p = imagesDir.resolve(stem + ext);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException("no image " + stem + ".jpg/.png in " + imagesDir + " for annotation " + xml);
    }
}
