package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.image.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Parameters;

/** The image arguments of a command, and where its per-image output files go. */
final class ImageInputs {
    @Parameters(arity = "1..*", paramLabel = "<images>", description = "Images (JPEG or PNG).")
    List<Path> files;

    /**
     * Checks every image's header before any model runs, so that one bad image among several
     * fails the command before it writes anything.
     */
    void check() throws IOException {
        for (Path file : files) Images.checkHeader(file);
    }

    /**
     * Refuses two images with the same name when their outputs go to one folder: the second
     * would overwrite the first.
     */
    void checkDistinctNames(Path... outputOptions) {
        if (files.size() < 2 || Arrays.stream(outputOptions).allMatch(Objects::isNull)) return;
        Set<String> stems = new HashSet<>();
        for (Path image : files) {
            if (!stems.add(stem(image))) {
                throw new IllegalArgumentException("two images are named " + stem(image) + ": their outputs would overwrite each other");
            }
        }
    }

    /** Creates the output folders up front, so that a folder that cannot be made fails before the model runs. */
    void prepareOutputs(Path... outputOptions) throws IOException {
        for (Path option : outputOptions) outputFor(option, files.getFirst(), "");
    }

    /**
     * The file for one image's output: the option itself for one image, else (several images,
     * or the option names a folder) {@code <image name><suffix>} in that folder. Missing folders are created.
     */
    Path outputFor(Path option, Path image, String suffix) throws IOException {
        if (option == null) return null;
        if (files.size() > 1 || Files.isDirectory(option)) {
            OutputFolders.create(option);
            return option.resolve(stem(image) + suffix);
        }
        Path parent = option.toAbsolutePath().getParent();
        if (parent != null) OutputFolders.create(parent);
        return option;
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
