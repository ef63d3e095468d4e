package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vector dot products against a double-precision sum, on lengths around the vector and unroll widths. */
class VectorDotTest {
    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 7, 15, 16, 17, 63, 64, 65, 129, 1024, 1027})
    void matchesADoubleSum(int n) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        Random rnd = new Random(n);
        float[] a = KernelTesting.random(rnd, n + 5);
        float[] b = KernelTesting.random(rnd, n + 3);
        double expected = 0;
        for (int i = 0; i < n; i++) expected += (double) a[i + 5] * b[i + 3];
        assertThat((double) VectorDot.dot(a, 5, b, 3, n)).isCloseTo(expected, within(1e-5 * Math.max(1, n)));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 7, 8, 9, 16, 17, 24, 63, 1024, 1027})
    void fourRowsAtOnceSumEachRowAsAloneBitForBit(int n) {
        assumeTrue(VectorSupport.AVAILABLE, "needs jdk.incubator.vector");
        Random rnd = new Random(n);
        float[] a = KernelTesting.random(rnd, 4 * n + 11);
        float[] b = KernelTesting.random(rnd, n + 2);
        int[] rows = {3, n + 5, 2 * n + 7, 3 * n + 11};
        float[] sums = new float[4];
        VectorDot.dot4(a, rows[0], rows[1], rows[2], rows[3], b, 2, n, sums);
        for (int r = 0; r < 4; r++) {
            assertThat(sums[r]).isEqualTo(VectorDot.dot(a, rows[r], b, 2, n));
        }
    }
}
