package dev.hardnetzoo.hardnetseg.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** An image and its label map. */
public record LabeledImage(Path image, Path labels) {

    private static final String CITYSCAPES_IMAGE = "_leftImg8bit";

    /**
     * Pairs every image under {@code images} (PNG/JPEG, searched recursively, sorted) with its
     * label map under {@code labels}, at the same relative folder: the Cityscapes name for the
     * encoding ({@code X_leftImg8bit.png} ↔ {@code X_gtFine_labelIds.png}, or
     * {@code X_gtFine_labelTrainIds.png} for train ids), else the image's name with a
     * {@code .png} extension. Fails naming the first image without labels and the file expected.
     */
    public static List<LabeledImage> pair(Path images, Path labels, LabelEncoding encoding) throws IOException {
        requireDirectory(images, "images");
        requireDirectory(labels, "labels");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(images)) {
            files = walk.filter(Files::isRegularFile).filter(LabeledImage::isImage).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException("no PNG or JPEG images under " + images);
        List<LabeledImage> out = new ArrayList<>();
        for (Path image : files) {
            Path relative = images.relativize(image);
            String name = relative.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            Path folder = relative.getParent() == null ? labels : labels.resolve(relative.getParent());
            out.add(new LabeledImage(image, stem.endsWith(CITYSCAPES_IMAGE)
                    ? cityscapesLabels(image, folder, stem.substring(0, stem.length() - CITYSCAPES_IMAGE.length()), encoding)
                    : existing(image, folder.resolve(stem + ".png"), "")));
        }
        return out;
    }

    private static Path cityscapesLabels(Path image, Path folder, String frame, LabelEncoding encoding) throws IOException {
        String note = " (" + encoding.description() + ")";
        for (LabelEncoding other : LabelEncoding.values()) {
            Path otherLabels = folder.resolve(frame + other.cityscapesSuffix());
            // The likely mix-up: the maps there hold the other encoding.
            if (other != encoding && Files.isRegularFile(otherLabels)) {
                note += "; " + otherLabels.getFileName() + " is there, but it holds " + other.description();
            }
        }
        return existing(image, folder.resolve(frame + encoding.cityscapesSuffix()), note);
    }

    private static Path existing(Path image, Path labels, String note) throws IOException {
        if (!Files.isRegularFile(labels)) throw new IOException("no label map for image " + image + ": expected " + labels + note);
        return labels;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static void requireDirectory(Path dir, String what) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(what + " folder " + dir + " does not exist or is not a folder");
    }
}
