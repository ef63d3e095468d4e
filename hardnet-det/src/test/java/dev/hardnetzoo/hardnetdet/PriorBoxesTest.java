package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PriorBoxesTest {

    @Test
    void referenceConfigsGiveTheReferenceCounts() {
        assertThat(PriorConfig.VOC_300.priorCount()).isEqualTo(11_620);
        assertThat(PriorConfig.COCO_300.priorCount()).isEqualTo(11_620);
        assertThat(PriorConfig.VOC_512.priorCount()).isEqualTo(32_756);
        assertThat(PriorConfig.COCO_512.priorCount()).isEqualTo(32_756);
        assertThat(PriorBoxes.generate(PriorConfig.COCO_512)).hasSize(32_756 * 4);
    }

    @Test
    void firstCellOfVoc300ByHand() {
        // step 8 on 300: f_k = 37.5, centre 0.5 / 37.5; s_k = 30/300; large sqrt(0.1 * 60/300); ratio 2 wide, tall; ratio 3.
        float[] p = PriorBoxes.generate(PriorConfig.VOC_300);
        float c = 0.5f / 37.5f;
        float r2 = (float) Math.sqrt(2), r3 = (float) Math.sqrt(3);
        float[][] expected = {{c, c, 0.1f, 0.1f}, {c, c, 0.14142136f, 0.14142136f},
                {c, c, 0.1f * r2, 0.1f / r2}, {c, c, 0.1f / r2, 0.1f * r2}, {c, c, 0.1f * r3, 0.1f / r3}, {c, c, 0.1f / r3, 0.1f * r3}};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) assertThat(p[i * 4 + j]).as("prior %s [%s]", i, j).isCloseTo(expected[i][j], within(1e-6f));
        }
        // the second cell of the first row moves right by one step
        assertThat(p[6 * 4]).isCloseTo(1.5f / 37.5f, within(1e-7f));
        assertThat(p[6 * 4 + 1]).isCloseTo(c, within(1e-7f));
    }

    @Test
    void lastPriorIsClippedToTheImage() {
        // VOC 300, 1x1 map: centre 0.5, s_k = 264/300 = 0.88, the tall ratio-2 box is 0.88/sqrt2 x 0.88*sqrt2 (> 1: clipped).
        float[] p = PriorBoxes.generate(PriorConfig.VOC_300);
        float[] last = Arrays.copyOfRange(p, p.length - 4, p.length);
        assertThat(last[0]).isEqualTo(0.5f);
        assertThat(last[1]).isEqualTo(0.5f);
        assertThat(last[2]).isCloseTo(0.88f / (float) Math.sqrt(2), within(1e-6f));
        assertThat(last[3]).isEqualTo(1f);
        // COCO 512 large square of the 1x1 map: sqrt(0.9 * 542.72 / 512)
        float[] q = PriorBoxes.generate(PriorConfig.COCO_512);
        int large = (32_756 - 4 + 1) * 4;
        assertThat(q[large + 2]).isCloseTo((float) Math.sqrt(0.9 * 542.72 / 512), within(1e-6f));
    }

    @Test
    void inconsistentConfigsAreRefused() {
        assertThatThrownBy(() -> new PriorConfig(300, new int[] {38, 19}, new int[] {8}, new double[] {30, 60},
                new double[] {60, 111}, new int[][] {{2}, {2}}, new double[] {0.1, 0.2}, true))
                .hasMessageContaining("2 maps, 1 steps");
        assertThatThrownBy(() -> PriorConfig.forModel(320, 21)).hasMessageContaining("not 320");
    }
}
