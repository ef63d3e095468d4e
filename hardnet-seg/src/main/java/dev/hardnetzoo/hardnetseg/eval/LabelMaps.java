package dev.hardnetzoo.hardnetseg.eval;

import dev.hardnetzoo.core.image.Images;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads single-channel label PNGs (one class value per pixel) as train ids. */
public final class LabelMaps {
    private LabelMaps() {}

    /**
     * The label map in {@code file} as row-major train ids (255 = ignore); {@code width}/{@code height}
     * from the file. A value that gives no train id of the model's {@code classes} and is not ignored
     * is refused: such maps belong to another label set or encoding, and skipping their pixels would
     * give a wrong score.
     */
    public static LabelMap read(Path file, LabelEncoding encoding, int classes) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "label map does not exist");
        BufferedImage image = Images.decode(file); // refuses a forged size from the header, before decoding
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1 || image.getColorModel().getComponentSize(0) > 8) {
            throw new IOException(file + " is not an 8-bit single-channel label map (it has " + raster.getNumBands()
                    + " channels); give the *_labelIds.png or train-id PNGs, not colour masks");
        }
        int[] ids = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
        int firstBad = -1;
        int firstBadValue = 0;
        int bad = 0;
        for (int i = 0; i < ids.length; i++) {
            int stored = ids[i];
            ids[i] = encoding.trainId(stored);
            if (ids[i] >= classes && ids[i] != LabelEncoding.IGNORE) {
                if (bad == 0) {
                    firstBad = i;
                    firstBadValue = stored;
                }
                bad++;
            }
        }
        if (bad > 0) throw notATrainId(file, encoding, classes, firstBadValue, firstBad % w, firstBad / w, bad);
        return new LabelMap(w, h, ids);
    }

    private static IOException notATrainId(Path file, LabelEncoding encoding, int classes, int value, int x, int y, int pixels) {
        String what = encoding == LabelEncoding.TRAIN_IDS ? "value " + value
                : "label id " + value + " (train id " + encoding.trainId(value) + ")";
        return new IOException(file + ": " + what + " at x=" + x + ", y=" + y + " is neither a train id of the model's "
                + classes + " classes (0.." + (classes - 1) + ") nor " + LabelEncoding.IGNORE + " (ignore); "
                + pixels + (pixels == 1 ? " pixel holds" : " pixels hold") + " such values");
    }

    /** Train ids of a {@code width x height} image, row-major. */
    public record LabelMap(int width, int height, int[] trainIds) {}
}
