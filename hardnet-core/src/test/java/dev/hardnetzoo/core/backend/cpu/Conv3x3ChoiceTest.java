package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.backend.cpu.Conv3x3Choice.Strategy;
import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The choices on layers of HarDNet-68 and DenseNet-121 whose forced timings (2 threads) fitted the
 * model, under each machine class's coefficients, whatever this machine is.
 */
class Conv3x3ChoiceTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(Conv3x3Choice.PROPERTY);
        System.clearProperty("hardnet.cpu.winograd");
    }

    @Test
    void withAvx512WideLayersOnLargePlanesTakeF4() {
        assertThat(wide(142, 68, 56)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(wide(466, 168, 28)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(wide(296, 134, 28)).isEqualTo(Strategy.WINOGRAD_F4);
        // HarDNet-85's widest 28x28 layers, on a 2-core AMD EPYC: 550 -> 234 F(4x4) 5.1 ms, F(2x2) 8.2,
        // direct 7.1; 444 -> 200: 3.9, 5.4, 5.4 (the Xeon-only fit picked F(2x2)).
        assertThat(wide(550, 234, 28)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(wide(444, 200, 28)).isEqualTo(Strategy.WINOGRAD_F4);
    }

    @Test
    void withAvx512SevenBySevenPlanesNeverTakeF4BecauseItsTilesWouldMostlyBePadding() {
        // Measured 1072 -> 462: F(4x4) 8.2 ms, F(2x2) 3.8, direct 3.7; 800 -> 272: 4.7, 1.9, 1.8.
        assertThat(wide(1072, 462, 7)).isIn(Strategy.WINOGRAD_F2, Strategy.DIRECT);
        assertThat(wide(800, 272, 7)).isIn(Strategy.WINOGRAD_F2, Strategy.DIRECT);
        assertThat(wide(128, 32, 7)).isEqualTo(Strategy.DIRECT);
    }

    @Test
    void withAvx512FewOutputChannelsTakeTheDirectKernel() {
        // DenseNet-121's 32 outputs: measured 1.3 vs 1.6 ms (F4) at 56x56, 0.38 vs 0.58 at 28x28, 0.12 vs 0.18 at 14x14.
        assertThat(wide(128, 32, 56)).isEqualTo(Strategy.DIRECT);
        assertThat(wide(128, 32, 28)).isEqualTo(Strategy.DIRECT);
        assertThat(wide(128, 32, 14)).isEqualTo(Strategy.DIRECT);
        assertThat(wide(256, 20, 28)).isEqualTo(Strategy.DIRECT);
        assertThat(wide(24, 14, 56)).isEqualTo(Strategy.DIRECT);
    }

    @Test
    void withAvx2WinogradTakesAlmostEverything() {
        // The costs count whole vectors of tiles and pixels: AVX2's 8 lanes, as in the build's 256-bit run.
        assumeTrue(VectorGemm.L == 8, "8-lane vectors");
        // Measured on a 2-core AMD EPYC (Zen 3), ms for F(4x4), F(2x2), direct:
        // HarDNet-68's 740 -> 334 at 14x14: 6.0, 9.5, 14.3; DenseNet-121's 128 -> 32 at 56x56: 2.8-3.2, 3.6-3.9, 3.9-4.1;
        // 428 -> 116 at 14x14: 1.7, 2.4, 3.0; 1072 -> 462 at 7x7: 7.0, 4.9, 8.0; 800 -> 272 at 7x7: 3.4, 2.4, 3.7.
        assertThat(narrow(740, 334, 14)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(narrow(128, 32, 56)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(narrow(428, 116, 14)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(narrow(1072, 462, 7)).isEqualTo(Strategy.WINOGRAD_F2);
        assertThat(narrow(800, 272, 7)).isEqualTo(Strategy.WINOGRAD_F2);
        // Since the direct kernel runs one loop over (channel, tap) steps: DenseNet-121's 128 -> 32
        // at 14x14 and HarDNet-68's 128 -> 16 at 28x28 7-12 % and 20 % faster on it than on F(4x4)
        // in the model (alternating profiles), HarDNet-68's 68 -> 40 at 14x14 and 58 -> 20 at 28x28,
        // whose narrow last block costs as much as a full one, 10-25 % slower.
        assertThat(narrow(128, 32, 14)).isEqualTo(Strategy.DIRECT);
        assertThat(narrow(128, 16, 28)).isEqualTo(Strategy.DIRECT);
        assertThat(narrow(68, 40, 14)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(narrow(58, 20, 28)).isEqualTo(Strategy.WINOGRAD_F4);
        // Too few input channels for Winograd: the direct kernel, not the im2col GEMM.
        assertThat(narrow(24, 14, 56)).isEqualTo(Strategy.DIRECT);
    }

    @Test
    void winogradNeedsChannelsOnBothSides() {
        assertThat(Conv3x3Choice.candidates(geometry(24, 64, 56))).containsOnly(Strategy.DIRECT, Strategy.GEMM);
        assertThat(Conv3x3Choice.candidates(geometry(64, 4, 56))).containsOnly(Strategy.DIRECT, Strategy.GEMM);
        assertThat(Conv3x3Choice.candidates(geometry(64, 64, 56))).containsExactlyInAnyOrder(Strategy.values());
    }

    @Test
    void theDirectKernelTakesOnlyInputsThatFitInL2() {
        // FC-HarDNet's 91 -> 28 at 256x512: direct 38 ms, F(4x4) 23 ms.
        assertThat(Conv3x3Choice.candidates(geometry(91, 28, 256))).doesNotContain(Strategy.DIRECT);
        assertThat(Conv3x3Choice.candidates(geometry(128, 32, 56))).contains(Strategy.DIRECT);
    }

    @Test
    void theSystemPropertyForcesAStrategyWhereItApplies() {
        System.setProperty(Conv3x3Choice.PROPERTY, "f4");
        assertThat(choice(1072, 462, 7)).isEqualTo(Strategy.WINOGRAD_F4);
        assertThat(choice(24, 14, 56)).isEqualTo(Strategy.DIRECT); // too few channels for Winograd: the auto choice
        System.setProperty(Conv3x3Choice.PROPERTY, "gemm");
        assertThat(choice(466, 168, 28)).isEqualTo(Strategy.GEMM);
        System.setProperty(Conv3x3Choice.PROPERTY, "direct");
        assertThat(choice(466, 168, 28)).isEqualTo(Strategy.DIRECT);
        System.setProperty(Conv3x3Choice.PROPERTY, "f3");
        assertThatThrownBy(() -> choice(466, 168, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardnet.cpu.conv3x3=f3").hasMessageContaining("auto, f4, f2, direct or gemm");
    }

    @Test
    void theReplacedPropertyIsRefusedWithThePointer() {
        System.setProperty("hardnet.cpu.winograd", "off");
        assertThatThrownBy(() -> choice(466, 168, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dhardnet.cpu.winograd was replaced by -Dhardnet.cpu.conv3x3");
    }

    @Test
    void onlyDenseStrideOneThreeByThreeConvsAreChosenFor() {
        Op.Conv2d strided = new Op.Conv2d(64, 3, 3, 2, 2, 1, 1, 1, 1, 1, "w", null, null, Activation.NONE);
        ConvGeometry g = ConvGeometry.of(strided, Shape.nchw(1, 64, 56, 56), Shape.nchw(1, 64, 28, 28));
        assertThatThrownBy(() -> Conv3x3Choice.choose(g)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a dense 3x3 stride-1 conv");
    }

    private static Strategy choice(int inC, int outC, int size) {
        return Conv3x3Choice.choose(geometry(inC, outC, size));
    }

    private static Strategy wide(int inC, int outC, int size) {
        return cheapest(inC, outC, size, Conv3x3Choice.WIDE_REGISTERS);
    }

    private static Strategy narrow(int inC, int outC, int size) {
        return cheapest(inC, outC, size, Conv3x3Choice.NARROW_REGISTERS);
    }

    private static Strategy cheapest(int inC, int outC, int size, Conv3x3Choice.Costs costs) {
        ConvGeometry g = geometry(inC, outC, size);
        return Conv3x3Choice.cheapest(g, Conv3x3Choice.candidates(g), costs);
    }

    private static ConvGeometry geometry(int inC, int outC, int size) {
        Op.Conv2d op = new Op.Conv2d(outC, 3, 3, 1, 1, 1, 1, 1, 1, 1, "w", null, null, Activation.NONE);
        return ConvGeometry.of(op, Shape.nchw(1, inC, size, size), Shape.nchw(1, outC, size, size));
    }
}
