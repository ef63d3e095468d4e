package dev.hardnetzoo.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes.NodeTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONNX Runtime's nodes fall into the classes our layers do, from the shapes its profiler reports. */
class LayerClassTest {

    @Test
    void convNodesAreClassedByKernelGroupsStrideAndOutputSize() {
        assertThat(LayerClass.of(node("FusedConv", new long[] {1, 518, 14, 14}, new long[] {640, 518, 1, 1}, new long[] {1, 640, 14, 14})))
                .isEqualTo("conv 1x1 -> 14x14");
        assertThat(LayerClass.of(node("Conv", new long[] {1, 3, 224, 224}, new long[] {24, 3, 3, 3}, new long[] {1, 24, 112, 112})))
                .isEqualTo("conv 3x3 s2 -> 112x112");
        assertThat(LayerClass.of(node("Conv", new long[] {1, 96, 56, 56}, new long[] {96, 1, 3, 3}, new long[] {1, 96, 28, 28})))
                .isEqualTo("conv 3x3 depthwise s2 -> 28x28");
        assertThat(LayerClass.of(node("Conv", new long[] {1, 64, 28, 28}, new long[] {64, 16, 3, 3}, new long[] {1, 64, 28, 28})))
                .isEqualTo("conv 3x3 grouped -> 28x28");
    }

    @Test
    void convNodesCountTheirMultiplyAddsFromTheWeightAndOutputShapes() {
        // 640 outputs x 518 inputs x 1 x 1 at 14 x 14; a depthwise 3x3: 96 x 1 x 9 at 28 x 28.
        assertThat(LayerClass.macs(node("FusedConv", new long[] {1, 518, 14, 14}, new long[] {640, 518, 1, 1}, new long[] {1, 640, 14, 14})))
                .isEqualTo(640L * 518 * 196);
        assertThat(LayerClass.macs(node("Conv", new long[] {1, 96, 56, 56}, new long[] {96, 1, 3, 3}, new long[] {1, 96, 28, 28})))
                .isEqualTo(96L * 9 * 784);
        assertThat(LayerClass.macs(node("Concat", new long[] {1, 16, 56, 56}, new long[] {1, 48, 56, 56}, new long[] {1, 64, 56, 56})))
                .isZero();
        // A transposed conv's weight is [C, O / groups, kH, kW] and it multiplies per input pixel: not
        // this formula (4x too many at stride 2), so it counts none, as ours does not.
        assertThat(LayerClass.macs(node("ConvTranspose", new long[] {1, 64, 28, 28}, new long[] {64, 32, 2, 2}, new long[] {1, 32, 56, 56})))
                .isZero();
    }

    @Test
    void otherNodesAreClassedByKind() {
        assertThat(LayerClass.of(node("ReorderInput", new long[] {1, 16, 56, 56}, null, new long[] {1, 16, 56, 56}))).isEqualTo("layout");
        assertThat(LayerClass.of(node("GlobalAveragePool", new long[] {1, 1024, 7, 7}, null, new long[] {1, 1024, 1, 1}))).isEqualTo("pool");
        assertThat(LayerClass.of(node("Gemm", new long[] {1, 1024}, null, new long[] {1, 1000}))).isEqualTo("linear");
        assertThat(LayerClass.of(node("Resize", new long[] {1, 8, 4, 4}, null, new long[] {1, 8, 8, 8}))).isEqualTo("resize");
    }

    private static NodeTime node(String op, long[] x, long[] w, long[] out) {
        return new NodeTime(op, w == null ? List.of(x) : List.of(x, w), out, 1.0);
    }
}
