package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class SsdOnDenseNetTest {

    @Test
    void denseNetBackboneFeedsTheSameSsdHead() {
        ModelSpec spec = SsdOnDenseNet.ssd512DenseNet121();
        Graph g = spec.defaultGraph();
        assertThat(g.node(g.outputs().get(0)).shape()).isEqualTo(Shape.of(1, 32_756, 4 + 21));
        // DenseNet's names for the backbone, the SSD head's for the rest; block 4 and the classifier are not built
        assertThat(g.params()).containsKeys("features.conv0.weight", "features.denseblock3.denselayer24.conv2.weight",
                "L2Norm.weight", "extras.9.weight", "loc.6.bias", "conf.0.weight");
        assertThat(g.params().keySet()).noneMatch(k -> k.contains("denseblock4") || k.startsWith("classifier"));
        // the L2Norm scales block 2's 512 channels; loc.1 reads block 3's 1024
        assertThat(g.params().get("L2Norm.weight").shape()).isEqualTo(Shape.of(512));
        assertThat(g.params().get("loc.1.weight").shape()).isEqualTo(Shape.of(6 * 4, 1024, 3, 3));
        // the SSD head and extras are the same as on HarDNet-68
        Graph hardnet = ModelZoo.get("ssd512-hardnet68").architecture().build(Shape.nchw(1, 3, 512, 512), 21);
        assertThat(g.params().get("extras.9.weight").shape()).isEqualTo(hardnet.params().get("extras.9.weight").shape());
    }
}
