package dev.hardnetzoo.hardnetseg.eval;

import static dev.hardnetzoo.hardnetseg.eval.SegmentationEvaluatorTest.writeGrey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label values that are no train id of the model are refused, not skipped like the ignore value. */
class LabelMapsTest {
    @TempDir Path dir;

    @Test
    void trainIdsAndTheIgnoreValueAreRead() throws Exception {
        Path file = dir.resolve("a.png");
        writeGrey(file, 3, 1, new int[] {0, 18, 255});
        assertThat(LabelMaps.read(file, LabelEncoding.TRAIN_IDS, 19).trainIds()).containsExactly(0, 18, 255);
    }

    @Test
    void aValueThatIsNeitherATrainIdNorIgnoreIsRefusedWithWhereItIs() throws Exception {
        Path file = dir.resolve("a.png");
        int[] values = new int[4 * 3];
        values[6] = 19; // x=2, y=1
        values[7] = 19;
        values[11] = 30;
        writeGrey(file, 4, 3, values);
        assertThatThrownBy(() -> LabelMaps.read(file, LabelEncoding.TRAIN_IDS, 19)).isInstanceOf(IOException.class)
                .hasMessage(file + ": value 19 at x=2, y=1 is neither a train id of the model's 19 classes (0..18)"
                        + " nor 255 (ignore); 3 pixels hold such values");
    }

    @Test
    void cityscapesLabelIdsBeyondASmallerModelsClassesAreRefused() throws Exception {
        Path file = dir.resolve("a_gtFine_labelIds.png");
        writeGrey(file, 2, 1, new int[] {7, 26}); // road (train id 0), car (train id 13)
        assertThatThrownBy(() -> LabelMaps.read(file, LabelEncoding.CITYSCAPES_LABEL_IDS, 11))
                .hasMessageStartingWith(file + ": label id 26 (train id 13) at x=1, y=0 is neither a train id of the model's 11 classes");
    }
}
