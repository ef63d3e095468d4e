package dev.hardnetzoo.hardnetseg.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelEncodingTest {

    @Test
    void cityscapesLabelIdsMapToTrainIdsAsTheOfficialLoader() {
        LabelEncoding e = LabelEncoding.CITYSCAPES_LABEL_IDS;
        assertThat(e.trainId(7)).isZero();       // road
        assertThat(e.trainId(8)).isEqualTo(1);   // sidewalk
        assertThat(e.trainId(26)).isEqualTo(13); // car
        assertThat(e.trainId(33)).isEqualTo(18); // bicycle
        for (int voidId : new int[] {0, 1, 2, 3, 4, 5, 6, 9, 10, 14, 15, 16, 18, 29, 30, 34, 255}) {
            assertThat(e.trainId(voidId)).as("label id %d", voidId).isEqualTo(LabelEncoding.IGNORE);
        }
    }

    @Test
    void trainIdsPassThrough() {
        assertThat(LabelEncoding.TRAIN_IDS.trainId(18)).isEqualTo(18);
        assertThat(LabelEncoding.TRAIN_IDS.trainId(255)).isEqualTo(255);
    }
}
