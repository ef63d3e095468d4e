package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.models.hardnet.HarDNet;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportExampleTest {

    @Test
    void writesAnOnnxFileThatOnnxRuntimeAgreesWith(@TempDir Path tmp) throws Exception {
        Path weights = tmp.resolve("hardnet39ds.safetensors");
        Safetensors.write(weights, RandomWeights.generate(HarDNet.build(HarDNet.HARDNET39DS, Shape.nchw(1, 3, 224, 224), 1000), 3),
                Map.of());
        Path onnx = tmp.resolve("hardnet39ds.onnx");
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ExportExample.main(new String[] {"hardnet39ds", weights.toString(), onnx.toString()});
        } finally {
            System.setOut(saved);
        }
        assertThat(onnx).isNotEmptyFile();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("ONNX Runtime agrees with us");
    }
}
