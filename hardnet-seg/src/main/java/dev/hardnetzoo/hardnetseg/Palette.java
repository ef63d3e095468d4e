package dev.hardnetzoo.hardnetseg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names and display colours of a segmentation label set, by train id. Ships the
 * Cityscapes 19-class and CamVid 11-class palettes; other class counts get generated colours.
 */
public record Palette(List<String> names, List<Rgb> colours) {

    /** A 24-bit colour. */
    public record Rgb(int r, int g, int b) {
        public Rgb {
            if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
                throw new IllegalArgumentException("colour components must be 0..255, got " + r + "," + g + "," + b);
            }
        }

        public int packed() {
            return r << 16 | g << 8 | b;
        }
    }

    public Palette {
        names = List.copyOf(names);
        colours = List.copyOf(colours);
        if (names.size() != colours.size() || names.isEmpty()) {
            throw new IllegalArgumentException("a palette needs one colour per class name, got "
                    + names.size() + " names and " + colours.size() + " colours");
        }
    }

    private static final String FOLDER = "/dev/hardnetzoo/hardnetseg/";

    /** The Cityscapes train ids 0..18 with the official colours. */
    public static Palette cityscapes() {
        return resource("cityscapes-19.json");
    }

    /** The 11 CamVid classes (SegNet's order) with their usual colours. */
    public static Palette camvid() {
        return resource("camvid-11.json");
    }

    /**
     * The palette for a model's classes: a shipped one whose names match {@code labels}, else
     * {@code labels} (or "class i") with the PASCAL VOC colour-map colours.
     */
    public static Palette forLabels(List<String> labels, int numClasses) {
        for (Palette p : List.of(cityscapes(), camvid())) {
            if (p.size() == numClasses && p.names().equals(labels)) return p;
        }
        List<String> names = new ArrayList<>();
        List<Rgb> colours = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) {
            names.add(labels.size() == numClasses ? labels.get(i) : "class " + i);
            colours.add(vocColour(i));
        }
        return new Palette(names, colours);
    }

    public int size() {
        return names.size();
    }

    public Rgb colour(int trainId) {
        return colours.get(trainId);
    }

    /** The PASCAL VOC colour map: the bits of the index spread over the high bits of R, G and B. */
    static Rgb vocColour(int index) {
        int r = 0, g = 0, b = 0, c = index;
        for (int bit = 7; bit >= 0 && c > 0; bit--) {
            r |= (c & 1) << bit;
            g |= ((c >> 1) & 1) << bit;
            b |= ((c >> 2) & 1) << bit;
            c >>= 3;
        }
        return new Rgb(r, g, b);
    }

    /** A palette file under the resource folder: a JSON array of {trainId, name, color: [r, g, b]} in train-id order. */
    static Palette resource(String file) {
        String path = FOLDER + file;
        try (InputStream in = Palette.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("palette " + path + " is not on the class path");
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> names = new ArrayList<>();
            List<Rgb> colours = new ArrayList<>();
            for (JsonNode entry : root) {
                if (entry.get("trainId").asInt() != names.size()) {
                    throw new IllegalStateException(path + ": train ids must run 0, 1, 2, ... in order");
                }
                JsonNode c = entry.get("color");
                names.add(entry.get("name").asText());
                colours.add(new Rgb(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt()));
            }
            return new Palette(names, colours);
        } catch (IOException e) {
            throw new UncheckedIOException("reading palette " + path, e);
        }
    }
}
