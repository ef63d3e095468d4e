package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.models.hardnet.HarDNet;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.testsupport.StdoutCapture;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyExampleTest {

    @Test
    void printsFiveLabelledClasses(@TempDir Path tmp) throws Exception {
        Path weights = tmp.resolve("hardnet39ds.safetensors");
        Safetensors.write(weights, RandomWeights.generate(HarDNet.build(HarDNet.HARDNET39DS, Shape.nchw(1, 3, 224, 224), 1000), 3), Map.of());
        Path image = RefData.image("chelsea.png");
        String printed = StdoutCapture.of(() -> ClassifyExample.main(new String[] {"hardnet39ds", weights.toString(), image.toString()}));
        String[] lines = printed.strip().split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).matches("\\s*\\d+\\.\\d%\\s+\\S.*");
    }
}
