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

    /** The label map in {@code file} as row-major train ids (255 = ignore); {@code width}/{@code height} from the file. */
    public static LabelMap read(Path file, LabelEncoding encoding) throws IOException {
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
        for (int i = 0; i < ids.length; i++) ids[i] = encoding.trainId(ids[i]);
        return new LabelMap(w, h, ids);
    }

    /** Train ids of a {@code width x height} image, row-major. */
    public record LabelMap(int width, int height, int[] trainIds) {}
}
