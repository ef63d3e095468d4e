package dev.hardnetzoo.hardnetdet;

import static dev.hardnetzoo.core.testsupport.Parity.assertEachClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxCodingAndNmsTest {
    private static final double[] VARIANCES = {0.1, 0.2};

    @Test
    void zeroOffsetsGiveThePriorAndOffsetsMoveAndScaleIt() {
        float[] priors = {0.5f, 0.5f, 0.2f, 0.4f, 0.5f, 0.5f, 0.2f, 0.4f};
        // prior 1: dx = 1 -> cx + 1 * 0.1 * 0.2 = 0.52; dw = ln 2 / 0.2 -> w doubles to 0.4
        float[] raw = {0, 0, 0, 0, 1, 0, (float) (Math.log(2) / 0.2), 0};
        float[] boxes = BoxCoding.decode(raw, 0, 4, priors, VARIANCES);
        assertEachClose(boxes, 1e-6f, 0.4f, 0.3f, 0.6f, 0.7f, 0.32f, 0.3f, 0.72f, 0.7f);
    }

    @Test
    void iouOfKnownBoxes() {
        // [0,0,2,2] and [1,1,3,3]: intersection 1, union 4 + 4 - 1 = 7
        float[] b = {0, 0, 2, 2, 1, 1, 3, 3, 5, 5, 6, 6};
        assertThat(BoxCoding.iou(b, 0, b, 1)).isCloseTo(1f / 7, within(1e-7f));
        assertThat(BoxCoding.iou(b, 0, b, 2)).isZero();
        assertThat(BoxCoding.iou(b, 1, b, 1)).isEqualTo(1f);
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxesAndRespectsTheLimit() {
        // 0: [0,0,10,10] score .9; 1: [1,0,11,10] (IoU 9/11 with 0) .8; 2: [20,20,30,30] .7; 3: [0,0,10,5] (IoU .5 with 0) .95
        float[] boxes = {0, 0, 10, 10, 1, 0, 11, 10, 20, 20, 30, 30, 0, 0, 10, 5};
        int[] candidates = {0, 1, 2, 3};
        float[] scores = {0.9f, 0.8f, 0.7f, 0.95f};
        // threshold .45: 3 first; it suppresses 0 (IoU .5) but not 1 (IoU 45 / 105 < .45)
        assertThat(Nms.keep(boxes, candidates, scores, 0.45f, 10)).containsExactly(3, 1, 2);
        // threshold .6: 3, then 0 survives (.5), and 0 suppresses 1 (IoU .818)
        assertThat(Nms.keep(boxes, candidates, scores, 0.6f, 10)).containsExactly(3, 0, 2);
        assertThat(Nms.keep(boxes, candidates, scores, 0.6f, 2)).containsExactly(3, 0);
    }
}
