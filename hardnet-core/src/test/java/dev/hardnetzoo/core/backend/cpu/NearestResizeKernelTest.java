package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Nearest resizes against what PyTorch 1.13's F.interpolate(mode="nearest") returns for the same inputs. */
class NearestResizeKernelTest {

    private static float[] resize(float[] x, Shape in, Op.ResizeNearest op, Parallel par) {
        Shape out = Shape.nchw(in.n(), in.c(), op.outH(), op.outW());
        return KernelTesting.runDense(x, in, out, (arena, src, dst) -> ResizeKernel.nearest(arena, src, dst, op, par));
    }

    private static float[] row(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    @Test
    void doublingRepeatsEveryPixelTwice() {
        float[] grid = {0, 1, 2, 3};
        assertThat(resize(grid, Shape.nchw(1, 1, 2, 2), new Op.ResizeNearest(4, 4, 2, 2), SERIAL))
                .containsExactly(0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3);
    }

    @Test
    void sizeBasedMappingFloorsDstTimesInOverOut() {
        assertThat(resize(row(3), Shape.nchw(1, 1, 1, 3), new Op.ResizeNearest(1, 5, 0, 0), SERIAL))
                .containsExactly(0, 0, 1, 1, 2);
        assertThat(resize(row(5), Shape.nchw(1, 1, 1, 5), new Op.ResizeNearest(1, 6, 0, 0), SERIAL))
                .containsExactly(0, 0, 1, 2, 3, 4);
        assertThat(resize(row(5), Shape.nchw(1, 1, 5, 1), new Op.ResizeNearest(2, 1, 0, 0), SERIAL))
                .containsExactly(0, 2);
    }

    @Test
    void aGivenScaleFactorSetsTheMappingAsInPyTorch() {
        // scale_factor=1.3 on 5 pixels: 6 outputs read floor(dst / 1.3), not floor(dst * 5 / 6).
        assertThat(resize(row(5), Shape.nchw(1, 1, 1, 5), new Op.ResizeNearest(1, 6, 1.3, 1.3), SERIAL))
                .containsExactly(0, 0, 1, 2, 3, 3);
    }

    @Test
    void threadedBatchMatchesSerial() {
        float[] x = KernelTesting.random(new java.util.Random(5), 2 * 3 * 5 * 7);
        Shape in = Shape.nchw(2, 3, 5, 7);
        Op.ResizeNearest op = new Op.ResizeNearest(13, 9, 0, 0);
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            assertThat(resize(x, in, op, par)).containsExactly(resize(x, in, op, SERIAL));
        }
    }

    @Test
    void builderUpsamplesByAScaleFactorLikeNnUpsample() {
        GraphBuilder b = new GraphBuilder(Shape.nchw(1, 8, 7, 5));
        GraphBuilder.Value y = b.resizeNearestByScale("up", b.input(), 4);
        assertThat(y.shape()).isEqualTo(Shape.nchw(1, 8, 28, 20));
        assertThat(b.output(y).build().node(y.id()).op()).isEqualTo(new Op.ResizeNearest(28, 20, 4, 4));
    }
}
