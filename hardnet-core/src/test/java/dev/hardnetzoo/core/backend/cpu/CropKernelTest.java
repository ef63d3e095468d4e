package dev.hardnetzoo.core.backend.cpu;

import static dev.hardnetzoo.core.backend.cpu.KernelTesting.SERIAL;
import static dev.hardnetzoo.core.backend.cpu.KernelTesting.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CropKernelTest {

    @Test
    void copiesTheWindowOfEveryChannel() {
        // two channels of 3x4 holding 0..23; window of 2x2 at (1, 1)
        Shape in = Shape.nchw(1, 2, 3, 4);
        Shape out = Shape.nchw(1, 2, 2, 2);
        float[] arena = KernelTesting.arenaWith(range(0, 24), 8);
        CropKernel.run(arena, Slice.dense(0, in), Slice.dense(24, out), new Op.Crop(1, 1), SERIAL);
        assertThat(Arrays.copyOfRange(arena, 24, 32)).containsExactly(5, 6, 9, 10, 17, 18, 21, 22);
    }

    @Test
    void refusesAWindowOutsideTheInput() {
        Shape in = Shape.nchw(1, 1, 3, 3);
        float[] arena = new float[9 + 4];
        assertThatThrownBy(() -> CropKernel.run(arena, Slice.dense(0, in), Slice.dense(9, Shape.nchw(1, 1, 2, 2)),
                new Op.Crop(2, 0), SERIAL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot crop");
    }
}
