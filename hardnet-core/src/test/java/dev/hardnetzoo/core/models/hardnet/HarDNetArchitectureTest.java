package dev.hardnetzoo.core.models.hardnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Architecture facts from ARCHITECTURE.md (PyTorch's own parameter counts and the paper's costs). */
class HarDNetArchitectureTest {

    private static HarDNet.Config config(String id) {
        return switch (id) {
            case "hardnet39ds" -> HarDNet.HARDNET39DS;
            case "hardnet68ds" -> HarDNet.HARDNET68DS;
            case "hardnet68" -> HarDNet.HARDNET68;
            case "hardnet85" -> HarDNet.HARDNET85;
            default -> throw new IllegalArgumentException(id);
        };
    }

    @ParameterizedTest
    @CsvSource({"hardnet39ds, 3488228, 0.429", "hardnet68ds, 4180602, 0.775",
                "hardnet68, 17565348, 4.246", "hardnet85, 36670212, 9.074"})
    void parameterCountsAndMacsMatchTheReference(String id, long params, double gmacs) {
        Graph g = HarDNet.build(config(id), Shape.nchw(1, 3, 224, 224), 1000);
        assertThat(g.params().get(HarDNet.classifierWeight(config(id))).shape()).isEqualTo(Shape.of(1000, config(id).channels()[config(id).channels().length - 1]));
        CostReport cost = CostReport.of(g);
        assertThat(cost.params()).isEqualTo(params);
        assertThat(cost.macs() / 1e9).isCloseTo(gmacs, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void hardnet68CioMatchesThePaper() {
        CostReport cost = CostReport.of(HarDNet.build(HarDNet.HARDNET68, Shape.nchw(1, 3, 224, 224), 1000));
        assertThat(cost.macs() / 1e9).isCloseTo(4.246, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(cost.cio() / 1e6).isCloseTo(11.47, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void firstParameterNamesAreTheOfficialKeys() {
        Graph g = HarDNet.build(HarDNet.HARDNET39DS, Shape.nchw(1, 3, 224, 224), 1000);
        assertThat(g.params().keySet()).startsWith("base.0.conv.weight", "base.0.norm.weight");
        assertThat(g.params()).containsKeys("base.3.layers.0.layer1.conv.weight", "base.3.layers.0.layer2.dwconv.weight",
                "base.2.dwconv.weight");
        assertThat(g.params().get("base.0.conv.weight").shape()).isEqualTo(Shape.of(24, 3, 3, 3));
    }

    @Test
    void hardnet85SkipsTheDropoutIndex() {
        Graph g = HarDNet.build(HarDNet.HARDNET85, Shape.nchw(1, 3, 224, 224), 1000);
        // block 6 at base.16, nn.Dropout at base.17, its transition at base.18, the head at base.19
        assertThat(g.params()).containsKeys("base.16.layers.0.conv.weight", "base.18.conv.weight", "base.19.3.weight")
                .doesNotContainKey("base.17.conv.weight");
    }

    @Test
    void tooSmallInputNamesTheLayer() {
        assertThatThrownBy(() -> HarDNet.build(HarDNet.HARDNET68, Shape.nchw(1, 3, 8, 8), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base.");
    }

    @Test
    void blockLayoutFollowsGetLink() {
        HarDBlock.Layout l = HarDBlock.layout(64, 14, 1.7, 8, false);
        assertThat(l.links().get(3)).containsExactly(3, 2, 0); // layer 4 reads 3, 2, 0: nearest first
        assertThat(l.layerChannels()).containsExactly(64, 14, 24, 14, 40, 14, 24, 14, 68);
        assertThat(l.outChannels()).isEqualTo(14 + 14 + 14 + 14 + 68);
    }
}
