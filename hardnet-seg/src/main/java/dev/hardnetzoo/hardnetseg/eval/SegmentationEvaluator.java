package dev.hardnetzoo.hardnetseg.eval;

import dev.hardnetzoo.hardnetseg.SegmentationResult;
import dev.hardnetzoo.hardnetseg.Segmenter;
import java.io.IOException;
import java.util.List;

/** Accumulates a confusion matrix of a {@link Segmenter} over labelled images. */
public final class SegmentationEvaluator {

    /** Told after each image; e.g. to step a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void imageDone(LabeledImage image);
    }

    private final Segmenter segmenter;
    private final LabelEncoding encoding;

    public SegmentationEvaluator(Segmenter segmenter, LabelEncoding encoding) {
        this.segmenter = segmenter;
        this.encoding = encoding;
    }

    public ConfusionMatrix evaluate(List<LabeledImage> images, Progress progress) throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(segmenter.palette().size());
        for (LabeledImage item : images) {
            LabelMaps.LabelMap labels = LabelMaps.read(item.labels(), encoding, matrix.classes());
            SegmentationResult result = segmenter.segment(item.image());
            if (labels.width() != result.width() || labels.height() != result.height()) {
                throw new IOException("label map " + item.labels() + " is " + labels.width() + "x" + labels.height()
                        + " but image " + item.image() + " is " + result.width() + "x" + result.height());
            }
            matrix.add(labels.trainIds(), result.classes());
            progress.imageDone(item);
        }
        return matrix;
    }
}
