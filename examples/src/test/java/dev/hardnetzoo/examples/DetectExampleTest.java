package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectExampleTest {

    @Test
    void printsLabelledBoxesAndWritesThePicture(@TempDir Path tmp) throws Exception {
        ModelSpec spec = ModelZoo.get("ssd300-hardnet68");
        Path weights = tmp.resolve("ssd300.safetensors");
        Safetensors.write(weights, RandomWeights.generate(spec.defaultGraph(), 11), Map.of());
        Path image = RefData.image("astronaut.png");
        Path out = tmp.resolve("boxes.png");
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DetectExample.main(new String[] {"ssd300-hardnet68", weights.toString(), image.toString(), out.toString(), "0.05"});
        } finally {
            System.setOut(saved);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines[0]).matches("0\\.\\d\\d  \\S.*\\(-?\\d+, -?\\d+\\) - \\(-?\\d+, -?\\d+\\)");
        assertThat(Images.read(out).width()).isEqualTo(Images.read(image).width());
    }
}
