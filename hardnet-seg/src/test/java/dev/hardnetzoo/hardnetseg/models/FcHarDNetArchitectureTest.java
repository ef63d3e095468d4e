package dev.hardnetzoo.hardnetseg.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.image.ChannelOrder;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.zoo.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FcHarDNetArchitectureTest {

    @Test
    void fchardnet70HasTheOfficialParameterCountAndCost() {
        Graph g = FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 1024, 2048), 19);
        assertThat(g.parameterCount()).isEqualTo(4_119_257L); // PyTorch sum(p.numel()) of the official model
        CostReport cost = CostReport.of(g);
        assertThat(cost.macs() / 1e9).isCloseTo(35.22, within(0.3522));
    }

    @Test
    void fchardnet70UsesTheOfficialStateDictNames() {
        Graph g = FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 128, 256), 19);
        for (String name : new String[] {"base.0.conv.weight", "base.3.norm.running_var",
                "base.4.layers.3.conv.weight", "base.5.conv.weight", "base.16.layers.7.norm.bias",
                "base.17.conv.weight", "conv1x1_up.3.conv.weight", "denseBlocksUp.3.layers.3.conv.weight",
                "finalConv.weight", "finalConv.bias"}) {
            assertThat(g.params().containsKey(name)).as(name).isTrue();
        }
        assertThat(g.params().get("base.17.conv.weight").shape().dim(0)).isEqualTo(320);
        assertThat(g.params().get("finalConv.weight").shape()).isEqualTo(Shape.of(19, 48, 1, 1));
    }

    /**
     * Our reading of the paper's Table 3 (see FcHarDNet's Javadoc). Expected counts were computed
     * independently in Python from the same layout rules (HarDBlock get_link widths, conv
     * weight + BatchNorm weight/bias per ConvLayer, finalConv weight + bias), not by this code.
     */
    @ParameterizedTest
    @CsvSource({"fchardnet68, 1369847", "fchardnet76, 3591575", "fchardnet84, 8563999"})
    void camvidVariantsHaveTheirParameterCounts(String id, long params) {
        ModelSpec spec = ModelZoo.get(id);
        assertThat(spec.task()).isEqualTo(Task.SEGMENTATION);
        assertThat(spec.defaultClasses()).isEqualTo(11);
        assertThat(spec.defaultGraph().parameterCount()).isEqualTo(params);
    }

    /**
     * The paper's Table 2 gives CIO 473 / 932 / 1267 MB and 15 / 54 / 100 GMACs for FC-HarDNet-68/76/84
     * on CamVid (360x480). Its units are not ours, but the ratios between the three models are unit-free.
     */
    @Test
    void camvidVariantsCostRelativeToEachOtherAsInThePaper() {
        Shape camvid = Shape.nchw(1, 3, 360, 480);
        CostReport c68 = CostReport.of(FcHarDNet.build(FcHarDNet.FCHARDNET68, camvid, 11));
        CostReport c76 = CostReport.of(FcHarDNet.build(FcHarDNet.FCHARDNET76, camvid, 11));
        CostReport c84 = CostReport.of(FcHarDNet.build(FcHarDNet.FCHARDNET84, camvid, 11));
        assertThat((double) c76.cio() / c68.cio()).isCloseTo(932.0 / 473, withinPercentage(2));
        assertThat((double) c84.cio() / c68.cio()).isCloseTo(1267.0 / 473, withinPercentage(2));
        assertThat((double) c76.macs() / c68.macs()).isCloseTo(54.0 / 15, withinPercentage(2));
        assertThat((double) c84.macs() / c68.macs()).isCloseTo(100.0 / 15, withinPercentage(2));
    }

    @Test
    void camvidDepthIsTheNumberOfConvolutions() {
        for (String id : new String[] {"fchardnet68", "fchardnet76", "fchardnet84"}) {
            long convs = ModelZoo.get(id).defaultGraph().params().keySet().stream()
                    .filter(n -> n.endsWith("conv.weight") || n.equals("finalConv.weight")).count();
            assertThat(convs).as(id).isEqualTo(Long.parseLong(id.substring("fchardnet".length())));
        }
        long fc70 = FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 128, 256), 19).params().keySet().stream()
                .filter(n -> n.endsWith("conv.weight") || n.equals("finalConv.weight")).count();
        assertThat(fc70).isEqualTo(70);
    }

    @Test
    void anyInputSizeGivesLogitsAtThatSize() {
        Graph g = FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 101, 171), 7);
        assertThat(g.node(g.outputs().get(0)).shape()).isEqualTo(Shape.nchw(1, 3 + 4, 101, 171));
        Graph camvid = FcHarDNet.build(FcHarDNet.FCHARDNET68, Shape.nchw(2, 3, 45, 77), 11);
        assertThat(camvid.node(camvid.outputs().get(0)).shape()).isEqualTo(Shape.nchw(2, 11, 45, 77));
    }

    @Test
    void tooSmallInputsAreRefusedNamingTheLayer() {
        assertThatThrownBy(() -> FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 3, 20, 20), 19))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base.");
        assertThatThrownBy(() -> FcHarDNet.build(FcHarDNet.FCHARDNET70, Shape.nchw(1, 1, 128, 128), 19))
                .hasMessageContaining("3-channel");
    }

    @Test
    void cityscapesPreprocessingIsBgrWithImageNetStatisticsInBgrOrder() {
        var p = ModelZoo.get("fchardnet70").preprocessing();
        assertThat(p.channelOrder()).isEqualTo(ChannelOrder.BGR);
        assertThat(p.scale()).isEqualTo(1f / 255);
        assertThat(p.mean()).containsExactly(0.406f, 0.456f, 0.485f);
        assertThat(p.std()).containsExactly(0.225f, 0.224f, 0.229f);
        assertThat(p.resizeHeight()).isZero();
        assertThat(p.resizeShorter()).isZero();
    }
}
