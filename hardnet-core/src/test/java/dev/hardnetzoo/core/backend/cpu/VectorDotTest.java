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
}
