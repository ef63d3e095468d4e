package dev.hardnetzoo.core.image;

import dev.hardnetzoo.core.tensor.AtomicFiles;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Reading and writing image files through ImageIO, with errors that name the file. */
public final class Images {
    /** Larger images are refused before decoding: a forged header must not exhaust the heap. */
    public static final int MAX_SIDE = 16_384;
    public static final long MAX_PIXELS = 100_000_000L;
    /** ImageIO's raster (up to 4 bytes a pixel) plus the 3-byte RGB copy. */
    private static final int DECODED_BYTES_PER_PIXEL = 7;

    private Images() {}

    /** Decodes the first image in {@code file} (PNG, JPEG, BMP, GIF, ...) as 8-bit RGB. */
    public static RgbImage read(Path file) throws IOException {
        BufferedImage image = decode(file);
        try {
            return RgbImage.of(image);
        } catch (RuntimeException e) { // a colour model the conversion cannot handle
            throw undecodable(file, e);
        }
    }

    /**
     * Decodes the first image in {@code file} as ImageIO gives it (palette, grey or colour, any
     * depth), after checking the size its header claims: what a label map or mask reader needs.
     */
    public static BufferedImage decode(Path file) throws IOException {
        return afterHeader(file, reader -> reader.read(0));
    }

    /**
     * Checks that {@code file} is an image ImageIO can decode, of an accepted size, reading only
     * its header: lets a command refuse a bad input before it writes any output.
     */
    public static void checkHeader(Path file) throws IOException {
        afterHeader(file, reader -> null);
    }

    private interface ReaderStep<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T afterHeader(Path file, ReaderStep<T> then) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + " is a directory, not an image file");
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "image file does not exist");
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + " is not an image file ImageIO can decode (unknown or unsupported format)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0); // reads the header only
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw undecodable(file, e);
                }
                checkSize(file, width, height);
                try {
                    return then.apply(reader);
                } catch (IOException | RuntimeException e) { // corrupt or truncated data; decoders throw either
                    throw undecodable(file, e);
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /** Writes {@code image} as a PNG, atomically ({@link AtomicFiles}): readers never see a half-written file. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> encodePng(image, out));
    }

    /** Writes {@code image} to {@code out} as a PNG; e.g. into a {@link dev.hardnetzoo.core.tensor.StagedFiles}. */
    public static void encodePng(BufferedImage image, OutputStream out) throws IOException {
        // An explicit in-memory stream: ImageIO's default would cache through a temporary file of its own.
        ImageOutputStream png = new MemoryCacheImageOutputStream(out);
        if (!ImageIO.write(image, "png", png)) throw new IOException("no PNG writer for image type " + image.getType());
        png.flush();
    }

    private static IOException undecodable(Path file, Exception e) {
        return new IOException("cannot decode image file " + file + ": " + e.getMessage(), e);
    }

    private static void checkSize(Path file, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) throw new IOException("image file " + file + " claims " + width + "x" + height + " pixels");
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new IOException("image file " + file + " claims " + width + "x" + height
                    + " pixels; refusing images over " + MAX_SIDE + " per side or " + MAX_PIXELS + " pixels");
        }
        long need = (long) width * height * DECODED_BYTES_PER_PIXEL;
        long limit = MemoryLimit.defaultBytes();
        if (need > limit) {
            throw new IOException("image file " + file + " claims " + width + "x" + height + " pixels, which need "
                    + MemoryLimit.format(need) + " to decode, over the memory limit of " + MemoryLimit.format(limit)
                    + " (" + MemoryLimit.PROPERTY + ")");
        }
    }
}
