package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.tensor.OutputFolders;
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

    /**
     * Checks every image's output files before any model runs, creating nothing: one that cannot
     * be written, or two outputs that would land in one file, fail the command before it starts.
     */
    void checkOutputs(String suffix, Path... outputOptions) throws IOException {
        Set<Path> targets = new HashSet<>();
        for (Path option : outputOptions) {
            if (option == null) continue;
            for (Path image : files) {
                Path target = outputFor(option, image, suffix);
                OutputFolders.check(target);
                if (!targets.add(target.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException(target + " would be written twice: give each output option its own file or folder");
                }
            }
        }
    }

    /**
     * The file for one image's output: the option itself for one image, else (several images,
     * or the option names a folder) {@code <image name><suffix>} in that folder.
     */
    Path outputFor(Path option, Path image, String suffix) {
        if (option == null) return null;
        return files.size() > 1 || Files.isDirectory(option) ? option.resolve(stem(image) + suffix) : option;
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
