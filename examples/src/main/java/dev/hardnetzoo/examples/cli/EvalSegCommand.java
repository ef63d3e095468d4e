package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.hardnetseg.Segmenter;
import dev.hardnetzoo.hardnetseg.eval.ConfusionMatrix;
import dev.hardnetzoo.hardnetseg.eval.LabelEncoding;
import dev.hardnetzoo.hardnetseg.eval.LabeledImage;
import dev.hardnetzoo.hardnetseg.eval.SegmentationEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval-seg", description = "Per-class IoU and mIoU of a segmentation model over a folder of images with label maps.")
final class EvalSegCommand extends CliCommand {
    @Mixin
    ModelOptions model;

    @Option(names = "--images", required = true, description = "Folder of images (searched recursively), e.g. leftImg8bit/val.")
    Path images;

    @Option(names = "--labels", required = true,
            description = "Folder of label maps in the same layout: X_gtFine_labelIds.png for X_leftImg8bit.png"
                    + " (X_gtFine_labelTrainIds.png with --train-ids), else <image name>.png.")
    Path labels;

    @Option(names = "--train-ids",
            description = "Label maps hold train ids (0..classes-1, 255 = ignore; any other value is an error) rather than Cityscapes label ids.")
    boolean trainIds;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LabelEncoding encoding = trainIds ? LabelEncoding.TRAIN_IDS : LabelEncoding.CITYSCAPES_LABEL_IDS;
        List<LabeledImage> pairs = LabeledImage.pair(images, labels, encoding);
        ConfusionMatrix matrix;
        List<String> names;
        try (Model m = model.load();
             ProgressBar bar = Progress.bar(err(), "eval-seg", pairs.size(), " images")) {
            Segmenter segmenter = new Segmenter(m);
            model.weights.noteIfRandom(err());
            names = segmenter.palette().names();
            matrix = new SegmentationEvaluator(segmenter, encoding).evaluate(pairs, item -> bar.step());
        }
        double[] iou = matrix.iou();
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", model.id);
            r.put("images", pairs.size());
            r.put("meanIoU", finite(matrix.meanIou()));
            r.put("pixelAccuracy", finite(matrix.pixelAccuracy()));
            List<Map<String, Object>> perClass = new ArrayList<>();
            for (int c = 0; c < iou.length; c++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trainId", c);
                row.put("name", names.get(c));
                row.put("iou", finite(iou[c]));
                row.put("pixels", matrix.rowSum(c));
                perClass.add(row);
            }
            r.put("classes", perClass);
            out().println(Json.of(r));
            return 0;
        }
        out().printf("%-4s %-16s %8s %12s%n", "ID", "CLASS", "IOU", "PIXELS");
        for (int c = 0; c < iou.length; c++) {
            out().printf(Locale.ROOT, "%-4d %-16s %8s %12d%n", c, names.get(c),
                    Double.isNaN(iou[c]) ? "-" : String.format(Locale.ROOT, "%.4f", iou[c]), matrix.rowSum(c));
        }
        out().printf(Locale.ROOT, "mIoU %.4f over %d images (pixel accuracy %.4f)%n", matrix.meanIou(), pairs.size(),
                matrix.pixelAccuracy());
        return 0;
    }

    /** JSON has no NaN: an undefined IoU (class neither present nor predicted) is null. */
    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
