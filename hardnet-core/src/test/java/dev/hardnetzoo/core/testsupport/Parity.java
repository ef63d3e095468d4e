package dev.hardnetzoo.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.tensor.Tensor;
import java.util.Arrays;

/**
 * Float32 parity with a reference output: the two sides accumulate in different orders, so they
 * agree to a small fraction of the output's scale, and must pick the same class.
 */
public final class Parity {
    private Parity() {}

    /** Max |actual - expected| within {@code relative} of max |expected|. */
    public static void assertClose(Tensor actual, Tensor expected, float relative) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        float scale = 0;
        float maxErr = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.data()[i]));
            maxErr = Math.max(maxErr, Math.abs(actual.data()[i] - expected.data()[i]));
        }
        assertThat(maxErr).as("max abs error against an output scale of %s", scale).isLessThanOrEqualTo(relative * scale);
    }

    /** {@link #assertClose}, and the same class per item and pixel (argmax over channels). */
    public static void assertSameOutput(Tensor actual, Tensor expected, float relative) {
        assertClose(actual, expected, relative);
        // Arrays.mismatch, not containsExactly: a per-pixel argmax can be millions long, and AssertJ's diff is quadratic.
        assertThat(Arrays.mismatch(argmaxOverChannels(actual), argmaxOverChannels(expected)))
                .as("first item/pixel whose argmax differs").isEqualTo(-1);
    }

    /** Each element within {@code tolerance} of a small hand-worked expectation; a failure names the index. */
    public static void assertEachClose(float[] actual, float tolerance, float... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("at %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    /** The argmax over axis 1 (classes) of an [N, C] or [N, C, H, W] tensor, per item and pixel. */
    public static int[] argmaxOverChannels(Tensor t) {
        int n = t.shape().n();
        int c = t.shape().c();
        int plane = (int) (t.shape().perItem() / c);
        int[] out = new int[n * plane];
        float[] d = t.data();
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < plane; p++) {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (d[(b * c + k) * plane + p] > d[(b * c + best) * plane + p]) best = k;
                }
                out[b * plane + p] = best;
            }
        }
        return out;
    }
}
