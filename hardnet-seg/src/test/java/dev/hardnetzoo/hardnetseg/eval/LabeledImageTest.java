package dev.hardnetzoo.hardnetseg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How images find their label maps, in the Cityscapes layout and by plain name. */
class LabeledImageTest {
    @TempDir Path dir;

    private Path image(String relative) throws IOException {
        Path file = dir.resolve("leftImg8bit/val/" + relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]); // pairing looks at names only
    }

    private Path labels(String relative) throws IOException {
        Path file = dir.resolve("gtFine/val/" + relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    @Test
    void cityscapesImagesPairWithTheLabelMapsOfTheEncoding() throws IOException {
        Path image = image("aachen/aachen_000000_000019_leftImg8bit.png");
        Path labelIds = labels("aachen/aachen_000000_000019_gtFine_labelIds.png");
        Path trainIds = labels("aachen/aachen_000000_000019_gtFine_labelTrainIds.png");
        assertThat(LabeledImage.pair(dir.resolve("leftImg8bit/val"), dir.resolve("gtFine/val"), LabelEncoding.CITYSCAPES_LABEL_IDS))
                .containsExactly(new LabeledImage(image, labelIds));
        assertThat(LabeledImage.pair(dir.resolve("leftImg8bit/val"), dir.resolve("gtFine/val"), LabelEncoding.TRAIN_IDS))
                .containsExactly(new LabeledImage(image, trainIds));
    }

    @Test
    void missingTrainIdMapsNameTheFileExpectedAndTheLabelIdMapThere() throws IOException {
        Path image = image("aachen/aachen_000000_000019_leftImg8bit.png");
        labels("aachen/aachen_000000_000019_gtFine_labelIds.png");
        assertThatThrownBy(() -> LabeledImage.pair(dir.resolve("leftImg8bit/val"), dir.resolve("gtFine/val"), LabelEncoding.TRAIN_IDS))
                .isInstanceOf(IOException.class)
                .hasMessage("no label map for image " + image + ": expected "
                        + dir.resolve("gtFine/val/aachen/aachen_000000_000019_gtFine_labelTrainIds.png")
                        + " (train ids); aachen_000000_000019_gtFine_labelIds.png is there, but it holds label ids");
    }

    @Test
    void otherImagesPairWithThePngOfTheirNameWhateverTheEncoding() throws IOException {
        Path image = image("a.jpg");
        Path labels = labels("a.png");
        for (LabelEncoding encoding : LabelEncoding.values()) {
            assertThat(LabeledImage.pair(dir.resolve("leftImg8bit/val"), dir.resolve("gtFine/val"), encoding))
                    .containsExactly(new LabeledImage(image, labels));
        }
    }
}
