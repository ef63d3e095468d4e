package dev.hardnetzoo.core.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Class-name lists shipped as resources under {@code dev/hardnetzoo/core/labels/}, one name per line. */
public final class Labels {
    private Labels() {}

    public static List<String> imagenet1k() {
        return resource("imagenet-1k.txt");
    }

    /** The 19 Cityscapes evaluation classes in train-id order (road, sidewalk, ..., bicycle). */
    public static List<String> cityscapes() {
        return resource("cityscapes-19.txt");
    }

    /** A label list from the class path; {@code name} is the file name under the labels folder. */
    public static List<String> resource(String name) {
        String path = "/dev/hardnetzoo/core/labels/" + name;
        try (InputStream in = Labels.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no label list " + path + " on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading label list " + path, e);
        }
    }
}
