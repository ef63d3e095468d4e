package dev.hardnetzoo.hardnetseg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /**
     * truth  0 0 1 1 2 255
     * pred   0 1 1 1 0 2
     * counts (t,p): (0,0)=1 (0,1)=1 (1,1)=2 (2,0)=1; the 255 pixel is ignored.
     * IoU0 = 1/(2+2-1) = 1/3, IoU1 = 2/(2+3-2) = 2/3, IoU2 = 0/(1+0-0) = 0; mIoU = 1/3; accuracy 3/5.
     */
    @Test
    void handComputedCase() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(new int[] {0, 0, 1, 1, 2, 255}, new int[] {0, 1, 1, 1, 0, 2});
        assertThat(m.count(0, 0)).isEqualTo(1);
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(1, 1)).isEqualTo(2);
        assertThat(m.count(2, 0)).isEqualTo(1);
        assertThat(m.count(2, 2)).isZero();
        double[] iou = m.iou();
        assertThat(iou[0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(iou[1]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(iou[2]).isZero();
        assertThat(m.meanIou()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.pixelAccuracy()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void classesNeitherPresentNorPredictedDoNotCountInTheMean() {
        ConfusionMatrix m = new ConfusionMatrix(4);
        m.add(new int[] {0, 1, 1, 2}, new int[] {0, 1, 2, 2});
        // IoU0 = 1, IoU1 = 1/2, IoU2 = 1/2, class 3 undefined -> mean of three = 2/3
        assertThat(m.iou()[3]).isNaN();
        assertThat(m.meanIou()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void imagesAccumulate() {
        ConfusionMatrix a = new ConfusionMatrix(2);
        a.add(new int[] {0, 1}, new int[] {0, 0});
        a.add(new int[] {1}, new int[] {1});
        ConfusionMatrix b = new ConfusionMatrix(2);
        b.add(a);
        b.add(a);
        assertThat(b.count(1, 0)).isEqualTo(2);
        assertThat(b.count(1, 1)).isEqualTo(2);
        assertThat(b.pixelAccuracy()).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void refusesMismatchedInputs() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        assertThatThrownBy(() -> m.add(new int[] {0}, new int[] {0, 1})).hasMessageContaining("1 pixels");
        assertThatThrownBy(() -> m.add(new int[] {0}, new int[] {7})).hasMessageContaining("predicted class 7");
        assertThatThrownBy(() -> new ConfusionMatrix(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ConfusionMatrix(2).meanIou()).isNaN();
    }
}
