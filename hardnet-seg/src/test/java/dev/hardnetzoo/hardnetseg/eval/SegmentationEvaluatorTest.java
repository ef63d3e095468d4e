package dev.hardnetzoo.hardnetseg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.hardnetseg.SegmentationResult;
import dev.hardnetzoo.hardnetseg.Segmenter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationEvaluatorTest {
    /** Cityscapes label id of each train id (the inverse of the official mapping). */
    private static final int[] LABEL_ID = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};

    @TempDir Path dir;

    @Test
    void labelsEqualToThePredictionScoreAPerfectMeanIou() throws Exception {
        Path images = Files.createDirectories(dir.resolve("leftImg8bit/val/city"));
        Path labels = Files.createDirectories(dir.resolve("gtFine/val/city"));
        try (Model m = ModelZoo.load("fchardnet70", RefData.ref("fchardnet70.safetensors"), Backends.DEFAULT, new BackendOptions(2))) {
            Segmenter segmenter = new Segmenter(m);
            RgbImage street = Images.read(RefData.image("street02.jpg"));
            for (int i = 0; i < 2; i++) {
                RgbImage crop = street.crop(300 * i, 500 * i, 96, 160);
                String stem = "city_00000" + i + "_000019";
                Images.writePng(images.resolve(stem + "_leftImg8bit.png"), crop.toBufferedImage());
                SegmentationResult predicted = segmenter.segment(crop);
                int[] ids = new int[predicted.classes().length];
                for (int p = 0; p < ids.length; p++) ids[p] = LABEL_ID[predicted.classes()[p]];
                ids[0] = 0; // "unlabeled": ignored
                writeGrey(labels.resolve(stem + "_gtFine_labelIds.png"), 160, 96, ids);
            }
            List<LabeledImage> pairs = LabeledImage.pair(dir.resolve("leftImg8bit"), dir.resolve("gtFine"), LabelEncoding.CITYSCAPES_LABEL_IDS);
            assertThat(pairs).hasSize(2);
            List<Path> seen = new ArrayList<>();
            ConfusionMatrix matrix = new SegmentationEvaluator(segmenter, LabelEncoding.CITYSCAPES_LABEL_IDS)
                    .evaluate(pairs, item -> seen.add(item.image()));
            assertThat(seen).containsExactly(pairs.get(0).image(), pairs.get(1).image());
            assertThat(matrix.meanIou()).isCloseTo(1.0, within(1e-12));
            assertThat(matrix.pixelAccuracy()).isCloseTo(1.0, within(1e-12));
            long counted = 0;
            for (int c = 0; c < 19; c++) counted += matrix.rowSum(c);
            assertThat(counted).isEqualTo(2 * (96 * 160 - 1));
        }
    }

    @Test
    void imagesWithoutLabelsAndMismatchedSizesAreReported() throws Exception {
        Path images = Files.createDirectories(dir.resolve("img"));
        Path labels = Files.createDirectories(dir.resolve("lbl"));
        RgbImage crop = Images.read(RefData.image("street03.jpg")).crop(0, 0, 64, 64);
        Images.writePng(images.resolve("a.png"), crop.toBufferedImage());
        assertThatThrownBy(() -> LabeledImage.pair(images, labels, LabelEncoding.TRAIN_IDS)).hasMessageContaining("no label map").hasMessageContaining("a.png");
        writeGrey(labels.resolve("a.png"), 32, 32, new int[32 * 32]);
        try (Model m = ModelZoo.load("fchardnet70", RefData.ref("fchardnet70.safetensors"))) {
            SegmentationEvaluator evaluator = new SegmentationEvaluator(new Segmenter(m), LabelEncoding.TRAIN_IDS);
            assertThatThrownBy(() -> evaluator.evaluate(LabeledImage.pair(images, labels, LabelEncoding.TRAIN_IDS), item -> {}))
                    .hasMessageContaining("is 32x32 but image");
        }
        Images.writePng(labels.resolve("a.png"), crop.toBufferedImage());
        assertThatThrownBy(() -> LabelMaps.read(labels.resolve("a.png"), LabelEncoding.TRAIN_IDS, 19))
                .hasMessageContaining("single-channel");
    }

    static void writeGrey(Path file, int width, int height, int[] values) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, values);
        ImageIO.write(image, "png", file.toFile());
    }
}
