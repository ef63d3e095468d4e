package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    @Test
    void scaleShiftByHand() {
        // gamma 2, var 3 + eps 1 -> scale 1, shift 1 - 3; gamma 1, var 0.25, eps 0 -> scale 2, shift 0 + 2 * 2.
        float[][] ss = BatchNormFolding.scaleShift(new float[] {2, 1}, new float[] {1, 0}, new float[] {3, -2},
                new float[] {3, 0.25f}, 0f);
        assertThat(ss[0]).containsExactly(2 / (float) Math.sqrt(3), 2f);
        float[][] withEps = BatchNormFolding.scaleShift(new float[] {2}, new float[] {1}, new float[] {3},
                new float[] {3}, 1f);
        assertThat(withEps[0]).containsExactly(1f);
        assertThat(withEps[1]).containsExactly(-2f);
        assertThat(ss[1][1]).isEqualTo(4f);
    }

    @Test
    void foldedConvEqualsConvThenBatchNorm() {
        Random rnd = new Random(5);
        Shape in = Shape.nchw(2, 3, 6, 5);
        Shape out = Shape.nchw(2, 4, 6, 5);
        Op.Conv2d op = new Op.Conv2d(4, 3, 3, 1, 1, 1, 1, 1, 1, 1, "w", "b", null, Activation.NONE);
        float[] x = KernelTesting.random(rnd, (int) in.size());
        float[] w = KernelTesting.random(rnd, 4 * 3 * 9);
        float[] b = KernelTesting.random(rnd, 4);
        float[] var = KernelTesting.random(rnd, 4);
        for (int i = 0; i < 4; i++) var[i] = var[i] * var[i] + 0.1f;
        float[][] ss = BatchNormFolding.scaleShift(KernelTesting.random(rnd, 4), KernelTesting.random(rnd, 4),
                KernelTesting.random(rnd, 4), var, 1e-5f);

        int outSize = (int) out.size();
        float[] arena = KernelTesting.arenaWith(x, 2 * outSize);
        Slice src = Slice.dense(0, in);
        Slice plain = Slice.dense(x.length, out);
        Slice folded = Slice.dense(x.length + outSize, out);
        Conv2dKernel.create(op, in, out, w, b).run(arena, src, plain, SERIAL);
        ElementwiseKernels.channelAffine(arena, plain, plain, ss[0], ss[1], Activation.NONE, SERIAL);
        BatchNormFolding.FoldedConv f = BatchNormFolding.foldIntoConv(w, b, 4, ss[0], ss[1]);
        Conv2dKernel.create(op, in, out, f.weight(), f.bias()).run(arena, src, folded, SERIAL);
        for (int i = 0; i < outSize; i++) {
            assertThat(arena[x.length + outSize + i]).isCloseTo(arena[x.length + i], within(1e-4f));
        }
    }

    @Test
    void foldWithoutBiasUsesShiftAsBias() {
        BatchNormFolding.FoldedConv f = BatchNormFolding.foldIntoConv(new float[] {1, 2, 3, 4}, null, 2,
                new float[] {2, -1}, new float[] {0.5f, 7});
        assertThat(f.weight()).containsExactly(2, 4, -3, -4);
        assertThat(f.bias()).containsExactly(0.5f, 7);
    }
}
