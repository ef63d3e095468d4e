package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SsdPostProcessorTest {
    /** A 2x2 map of half-size square priors on a 100-pixel input: centres at 0.25 and 0.75. */
    private static final PriorConfig TINY = new PriorConfig(100, new int[] {2}, new int[] {50}, new double[] {50},
            new double[0], new int[][] {{}}, new double[] {0.1, 0.2}, true);
    private static final List<String> LABELS = List.of("__background__", "cat", "dog");

    /** Rows of (0, 0, 0, 0, logits...): zero offsets decode to the priors. */
    private static float[] raw(float[]... logits) {
        float[] out = new float[logits.length * 7];
        for (int p = 0; p < logits.length; p++) System.arraycopy(logits[p], 0, out, p * 7 + 4, 3);
        return out;
    }

    @Test
    void softmaxBackgroundFilterPerClassThresholdAndPixelBoxes() {
        float ln = (float) Math.log(4);
        float[] raw = raw(
                new float[] {0, ln, 0},            // cat 4/6
                new float[] {10, 0, 0},            // background 0.9999: dropped before the classes
                new float[] {0, 0, ln + ln},       // dog 16/18
                new float[] {0, 0, 0});            // all 1/3: cat and dog candidates at 1/3
        SsdPostProcessor post = new SsdPostProcessor(TINY, 3, LABELS);
        List<Detection> d = post.detect(raw, 0, 200, 100, DetectionSettings.official().withScoreThreshold(0.3f));
        // dog 16/18 at prior 2 (centre .25,.75 -> x 0..100, y 50..100), cat 4/6 at prior 0, then the 1/3s of prior 3
        assertThat(d).extracting(Detection::className).containsExactly("dog", "cat", "cat", "dog");
        assertThat(d.get(0).score()).isCloseTo(16f / 18, within(1e-6f));
        assertThat(new float[] {d.get(0).x1(), d.get(0).y1(), d.get(0).x2(), d.get(0).y2()})
                .containsExactly(0f, 50f, 100f, 100f);
        assertThat(d.get(1).score()).isCloseTo(4f / 6, within(1e-6f));
        assertThat(d.get(2).score()).isCloseTo(1f / 3, within(1e-6f));

        // a higher threshold leaves the two confident ones; max one per image keeps the best
        assertThat(post.detect(raw, 0, 200, 100, DetectionSettings.official().withScoreThreshold(0.5f))).hasSize(2);
        assertThat(post.detect(raw, 0, 200, 100, DetectionSettings.official().withMaxPerImage(1)))
                .extracting(Detection::className).containsExactly("dog");
    }

    @Test
    void boxesThatDecodeToInfiniteOrNaNCoordinatesAreDropped() {
        float ln = (float) Math.log(4);
        float[] raw = raw(new float[] {0, ln, 0}, new float[] {0, ln, 0}, new float[] {0, 0, ln}, new float[] {0, 0, ln});
        raw[7 + 2] = 1e4f;                       // prior 1's width: exp overflows, x1 = -inf, x2 = NaN
        raw[3 * 7 + 3] = Float.NaN;              // prior 3's height
        SsdPostProcessor post = new SsdPostProcessor(TINY, 3, LABELS);
        List<Detection> d = post.detect(raw, 0, 100, 100, DetectionSettings.official().withScoreThreshold(0.5f).withNmsIou(1f));
        assertThat(d).extracting(Detection::className).containsExactly("cat", "dog");
        assertThat(d).allSatisfy(x -> assertThat(List.of(x.x1(), x.y1(), x.x2(), x.y2())).allMatch(Float::isFinite));
    }

    @Test
    void overlappingBoxesOfOneClassAreSuppressedButNotAcrossClasses() {
        // priors 0 and 1 moved onto the same place by their offsets: prior 1's dx = -0.5 / (0.1 * 0.5) = -10
        float ln = (float) Math.log(4);
        float[] raw = raw(new float[] {0, ln, 0}, new float[] {0, ln - 0.1f, 0}, new float[] {0, 0, ln - 0.2f}, new float[] {5, 0, 0});
        raw[7] = -10f;
        SsdPostProcessor post = new SsdPostProcessor(TINY, 3, LABELS);
        List<Detection> d = post.detect(raw, 0, 100, 100, DetectionSettings.official().withScoreThreshold(0.5f));
        assertThat(d).extracting(Detection::className).containsExactly("cat", "dog");
        assertThat(post.detect(raw, 0, 100, 100, DetectionSettings.official().withScoreThreshold(0.5f).withNmsIou(1f)))
                .extracting(Detection::className).containsExactly("cat", "cat", "dog");
    }
}
