package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.models.hardnet.HarDNet;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.testsupport.StdoutCapture;
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
        String printed = StdoutCapture.of(() -> ExportExample.main(new String[] {"hardnet39ds", weights.toString(), onnx.toString()}));
        assertThat(onnx).isNotEmptyFile();
        assertThat(printed).contains("ONNX Runtime agrees with us");
    }
}
