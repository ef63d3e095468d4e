package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-layer choices on layers of HarDNet-68 and DenseNet-121 whose forced timings fitted the model. */
class WinogradChoiceTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(WinogradChoice.PROPERTY);
    }

    @Test
    void largePlanesTakeF4() {
        assertThat(variant(142, 68, 56)).contains(4);
        assertThat(variant(466, 168, 28)).contains(4);
        assertThat(variant(128, 32, 56)).contains(4);
        assertThat(variant(32, 64, 112)).contains(4);
    }

    @Test
    void sevenBySevenPlanesTakeF2BecauseF4TilesWouldMostlyBePadding() {
        assertThat(variant(1072, 462, 7)).contains(2);
        assertThat(variant(800, 272, 7)).contains(2);
    }

    @Test
    void fewChannelsStayOnTheDirectGemm() {
        assertThat(variant(24, 14, 56)).isEmpty();
        assertThat(variant(64, 4, 56)).isEmpty();
    }

    @Test
    void theSystemPropertyForcesAVariantOrNone() {
        System.setProperty(WinogradChoice.PROPERTY, "f4");
        assertThat(variant(1072, 462, 7)).contains(4);
        System.setProperty(WinogradChoice.PROPERTY, "off");
        assertThat(variant(466, 168, 28)).isEmpty();
        System.setProperty(WinogradChoice.PROPERTY, "f3");
        assertThatThrownBy(() -> variant(466, 168, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardnet.cpu.winograd=f3").hasMessageContaining("auto, f4, f2 or off");
    }

    @Test
    void onlyDenseStrideOneThreeByThreeConvsQualify() {
        Op.Conv2d strided = new Op.Conv2d(64, 3, 3, 2, 2, 1, 1, 1, 1, 1, "w", null, null, Activation.NONE);
        assertThat(WinogradChoice.eligible(ConvGeometry.of(strided, Shape.nchw(1, 64, 56, 56), Shape.nchw(1, 64, 28, 28))))
                .isFalse();
        Op.Conv2d grouped = new Op.Conv2d(64, 3, 3, 1, 1, 1, 1, 1, 1, 2, "w", null, null, Activation.NONE);
        assertThat(WinogradChoice.eligible(ConvGeometry.of(grouped, Shape.nchw(1, 64, 56, 56), Shape.nchw(1, 64, 56, 56))))
                .isFalse();
    }

    private static Optional<Integer> variant(int inC, int outC, int size) {
        Op.Conv2d op = new Op.Conv2d(outC, 3, 3, 1, 1, 1, 1, 1, 1, 1, "w", null, null, Activation.NONE);
        ConvGeometry g = ConvGeometry.of(op, Shape.nchw(1, inC, size, size), Shape.nchw(1, outC, size, size));
        return WinogradChoice.choose(g).map(WinogradTransform::m);
    }
}
