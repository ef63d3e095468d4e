package dev.hardnetzoo.hardnetseg.eval;

import dev.hardnetzoo.core.image.Images;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads single-channel label PNGs (one class value per pixel) as train ids. */
public final class LabelMaps {
    private LabelMaps() {}

    /** The label map in {@code file} as row-major train ids (255 = ignore); {@code width}/{@code height} from the file. */
    public static LabelMap read(Path file, LabelEncoding encoding) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "label map does not exist");
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException(file + " is not an image file ImageIO can decode");
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h > Images.MAX_PIXELS) throw new IOException(file + ": " + w + "x" + h + " is too large a label map");
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
