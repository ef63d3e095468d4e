package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.MapWeights;
import dev.hardnetzoo.core.weights.ModelWeights;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.weights.WeightsException;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official Cityscapes checkpoints hold the state_dict of the training wrapper
 * {@code FullModel(model, loss)}: {@code model.}-prefixed keys, BatchNorm counters and the loss's
 * class weights. (A legacy torch.save file of that layout, written by PyTorch 1.13 from our random
 * weights, also loads through ModelZoo and reproduces the parity reference; it is 16 MB, so not kept.)
 */
class HrnetCheckpointKeysTest {
    private final ModelSpec spec = ModelZoo.get("hrnetv2-w18-small-v2");
    private final Graph graph = spec.defaultGraph();

    @Test
    void officialTrainingWrapperKeysLoadUnderOurNames() {
        Map<String, Tensor> ours = RandomWeights.generate(graph, 4);
        Map<String, Tensor> official = new LinkedHashMap<>();
        ours.forEach((name, t) -> official.put("model." + name, t));
        official.put("model.bn1.num_batches_tracked", Tensor.zeros(Shape.of()));
        official.put("loss.criterion.weight", Tensor.zeros(Shape.of(19)));
        Map<String, Tensor> renamed = WeightFiles.renamed(Path.of("hrnet_w18_small_v2_cityscapes.pth"), official, spec.checkpointKeys());
        Map<String, float[]> loaded = ModelWeights.load(graph, new MapWeights("official", renamed));
        assertThat(loaded).containsOnlyKeys(ours.keySet());
        assertThat(Arrays.mismatch(loaded.get("last_layer.3.weight"), ours.get("last_layer.3.weight").data())).isEqualTo(-1);
    }

    @Test
    void otherStrayTensorsAreStillRefused() {
        Map<String, Tensor> weights = new LinkedHashMap<>(RandomWeights.generate(graph, 4));
        weights.put("loss.other.weight", Tensor.zeros(Shape.of(19)));
        assertThatThrownBy(() -> ModelWeights.load(graph, new MapWeights("stray", weights)))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("unexpected tensor 'loss.other.weight'");
    }
}
