package dev.hardnetzoo.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.Weights;
import dev.hardnetzoo.core.weights.WeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {

    @Test
    void zooListsTheFourClassifiers() {
        assertThat(ModelZoo.list()).extracting(ModelSpec::id)
                .contains("hardnet39ds", "hardnet68ds", "hardnet68", "hardnet85");
        assertThatThrownBy(() -> ModelZoo.get("resnet9000")).hasMessageContaining("unknown model 'resnet9000'")
                .hasMessageContaining("hardnet68");
    }

    @Test
    void inputsTheModelCannotTakeAreRefusedWithTheReason() throws Exception {
        try (Model m = ModelZoo.load("hardnet39ds", RefData.ref("hardnet39ds.safetensors"))) {
            assertThat(m.numClasses()).isEqualTo(1000);
            assertThatThrownBy(() -> m.run(Tensor.zeros(Shape.nchw(1, 1, 224, 224))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 input channels, got 1");
            assertThatThrownBy(() -> m.run(Tensor.zeros(Shape.nchw(1, 3, 31, 224))))
                    .hasMessageContaining("at least 32x32");
            assertThatThrownBy(() -> m.run(Tensor.zeros(Shape.of(3, 224, 224)))).hasMessageContaining("NCHW");
        }
    }

    @Test
    void weightsOfAnotherModelAreRefusedNamingTheFileAndTensors(@TempDir Path tmp) throws Exception {
        Path file = RefData.ref("hardnet68ds.safetensors");
        assertThatThrownBy(() -> ModelZoo.load("hardnet39ds", file))
                .isInstanceOf(WeightsException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("written for model 'hardnet68ds'");
        // Without the metadata, the tensors themselves give it away.
        Path anonymous = tmp.resolve("anonymous.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (Weights w = Safetensors.open(file)) {
            for (String name : w.names()) tensors.put(name, w.tensor(name));
        }
        Safetensors.write(anonymous, tensors, Map.of());
        assertThatThrownBy(() -> ModelZoo.load("hardnet39ds", anonymous))
                .isInstanceOf(WeightsException.class).hasMessageContaining(anonymous.toString())
                .hasMessageContaining("base.0.conv.weight");
    }

    @Test
    void missingWeightsFileIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.safetensors");
        assertThatThrownBy(() -> ModelZoo.load("hardnet39ds", missing)).hasMessageContaining("nope.safetensors");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void concurrentRunsGiveTheSingleThreadedAnswer() throws Exception {
        Tensor input = Npy.read(RefData.ref("hardnet39ds.input-odd.npy"));
        try (Model m = ModelZoo.load("hardnet39ds", RefData.ref("hardnet39ds.safetensors"), Backends.DEFAULT, new BackendOptions(2))) {
            float[] expected = m.run(input).data();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> runs = new ArrayList<>();
                for (int i = 0; i < 8; i++) runs.add(pool.submit(() -> m.run(input).data()));
                for (Future<float[]> f : runs) assertThat(f.get()).containsExactly(expected);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClosedModelSaysSo() throws Exception {
        Model m = ModelZoo.load("hardnet39ds", RefData.ref("hardnet39ds.safetensors"));
        m.close();
        assertThatThrownBy(() -> m.run(Tensor.zeros(Shape.nchw(1, 3, 64, 64)))).hasMessageContaining("closed");
    }
}
