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
    private static final String CITYSCAPES_LABELS = "_gtFine_labelIds.png";

    /**
     * Pairs every image under {@code images} (PNG/JPEG, searched recursively, sorted) with its
     * label map under {@code labels}: the Cityscapes name ({@code X_leftImg8bit.png} ↔
     * {@code X_gtFine_labelIds.png}) at the same relative folder, else the same relative path
     * with a {@code .png} extension. Fails naming the first image without labels.
     */
    public static List<LabeledImage> pair(Path images, Path labels) throws IOException {
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
            Path label = stem.endsWith(CITYSCAPES_IMAGE)
                    ? folder.resolve(stem.substring(0, stem.length() - CITYSCAPES_IMAGE.length()) + CITYSCAPES_LABELS)
                    : folder.resolve(stem + ".png");
            if (!Files.isRegularFile(label)) throw new IOException("no label map " + label + " for image " + image);
            out.add(new LabeledImage(image, label));
        }
        return out;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static void requireDirectory(Path dir, String what) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(what + " folder " + dir + " does not exist or is not a folder");
    }
}
