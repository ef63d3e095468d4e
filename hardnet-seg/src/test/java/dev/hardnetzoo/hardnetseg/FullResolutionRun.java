package dev.hardnetzoo.hardnetseg;

import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;

/** Segments one image in a JVM of its own, so a test can give it exactly the heap the estimate asks for. Args: MODEL WEIGHTS IMAGE. */
public final class FullResolutionRun {
    public static void main(String[] args) throws Exception {
        try (Model model = ModelZoo.load(args[0], Path.of(args[1]))) {
            SegmentationResult r = new Segmenter(model).segment(Path.of(args[2]));
            System.out.println(r.width() + "x" + r.height() + " " + r.classAreas().size() + " classes");
        }
    }
}
