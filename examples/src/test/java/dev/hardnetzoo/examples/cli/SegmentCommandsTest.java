package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.hardnetseg.Palette;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** segment, eval-seg and info for FC-HarDNet-70, on the reference (random) weights and crops of the street scenes. */
class SegmentCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path crop(String name, int top, int left) throws Exception {
        Path file = tmp.resolve(name.replace(".jpg", ".png"));
        Images.writePng(file, Images.read(RefData.image(name)).crop(top, left, 96, 192).toBufferedImage());
        return file;
    }

    private static String weights() {
        return RefData.ref("fchardnet70.safetensors").toString();
    }

    @Test
    void segmentWritesMaskAndOverlayAndPrintsClassAreasAsJson() throws Exception {
        Path image = crop("street01.jpg", 500, 900);
        Path mask = tmp.resolve("out/mask.png");
        Path overlay = tmp.resolve("out/overlay.png");
        CliRun r = CliRun.of("segment", image.toString(), "--model", "fchardnet70", "--weights", weights(),
                "--out", mask.toString(), "--overlay", overlay.toString(), "--json", "--threads", "2");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = JSON.readTree(r.out).get(0);
        assertThat(j.get("width").asInt()).isEqualTo(192);
        assertThat(j.get("height").asInt()).isEqualTo(96);
        assertThat(j.get("mask").asText()).isEqualTo(mask.toString());
        long pixels = 0;
        for (JsonNode c : j.get("classes")) pixels += c.get("pixels").asLong();
        assertThat(pixels).isEqualTo(96 * 192);

        // every mask pixel is a palette colour, and the first listed class has its colour somewhere
        RgbImage m = Images.read(mask);
        java.util.Set<Palette.Rgb> colours = java.util.Set.copyOf(Palette.cityscapes().colours());
        Palette.Rgb top = Palette.cityscapes().colour(j.get("classes").get(0).get("trainId").asInt());
        boolean allPalette = true;
        boolean found = false;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                Palette.Rgb px = new Palette.Rgb(m.get(x, y, 0), m.get(x, y, 1), m.get(x, y, 2));
                allPalette &= colours.contains(px);
                found |= px.equals(top);
            }
        }
        assertThat(allPalette).as("every mask pixel is a palette colour").isTrue();
        assertThat(found).isTrue();
        assertThat(Images.read(overlay).width()).isEqualTo(192);
    }

    /** HRNet's logits come at 1/4 of the input size: segment upsamples them to the image's size. */
    @Test
    void segmentWorksForAnySegmentationModel() throws Exception {
        Path w = tmp.resolve("hrnet.safetensors");
        assertThat(CliRun.of("init", "hrnetv2-w18-small-v2", "--out", w.toString(), "--seed", "3").exitCode).isZero();
        Path mask = tmp.resolve("hrnet-mask.png");
        CliRun r = CliRun.of("segment", crop("street02.jpg", 400, 400).toString(), "--model", "hrnetv2-w18-small-v2",
                "--weights", w.toString(), "--out", mask.toString(), "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        RgbImage m = Images.read(mask);
        assertThat(m.width()).isEqualTo(192);
        assertThat(m.height()).isEqualTo(96);
        long pixels = 0;
        for (JsonNode c : JSON.readTree(r.out).get(0).get("classes")) pixels += c.get("pixels").asLong();
        assertThat(pixels).isEqualTo(96 * 192);
    }

    @Test
    void segmentSeveralImagesIntoFolders() throws Exception {
        Path a = crop("street02.jpg", 0, 0);
        Path b = crop("street03.jpg", 300, 300);
        Path masks = tmp.resolve("masks");
        CliRun r = CliRun.of("segment", a.toString(), b.toString(), "--model", "fchardnet70", "--weights", weights(),
                "--out", masks.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(masks.resolve("street02.png")).isRegularFile();
        assertThat(masks.resolve("street03.png")).isRegularFile();
        assertThat(r.out).contains("street02.png  192x96").containsPattern("\\d+\\.\\d\\d%\\s+\\d+\\s+\\S+");
    }

    @Test
    void segmentRefusesClassifiersAndMissingImagesInOneLine() throws Exception {
        Path w = tmp.resolve("cls.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", w.toString()).exitCode).isZero();
        CliRun r = CliRun.of("segment", crop("street01.jpg", 0, 0).toString(), "--model", "hardnet39ds", "--weights", w.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("hardnet: hardnet39ds is a classification model, not a segmentation model");
        CliRun missing = CliRun.of("segment", tmp.resolve("nope.jpg").toString(), "--model", "fchardnet70", "--weights", weights());
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("nope.jpg").hasLineCount(1);
        assertThat(CliRun.of("segment", "x.jpg", "--model", "fchardnet70").exitCode).isEqualTo(2);
    }

    @Test
    void evalSegScoresAFolderWithAProgressBar() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Files.move(crop("street01.jpg", 500, 900), images.resolve("a.png"));
        // every pixel labelled road (train id 0), except an ignored top row
        BufferedImage label = new BufferedImage(192, 96, BufferedImage.TYPE_BYTE_GRAY);
        int[] ids = new int[192 * 96];
        for (int i = 0; i < 192; i++) ids[i] = 255;
        label.getRaster().setSamples(0, 0, 192, 96, 0, ids);
        ImageIO.write(label, "png", labels.resolve("a.png").toFile());

        CliRun s = CliRun.of("segment", images.resolve("a.png").toString(), "--model", "fchardnet70", "--weights", weights(), "--json");
        long road = 0;
        for (JsonNode c : JSON.readTree(s.out).get(0).get("classes")) if (c.get("trainId").asInt() == 0) road = c.get("pixels").asLong();

        CliRun r = CliRun.of("eval-seg", "--model", "fchardnet70", "--weights", weights(), "--images", images.toString(),
                "--labels", labels.toString(), "--train-ids", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err).contains("eval-seg").contains("1/1")
                .as("no terminal colours in a captured stderr").doesNotContain("\u001b[");
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("images").asInt()).isEqualTo(1);
        assertThat(j.get("classes").get(0).get("pixels").asLong()).isEqualTo(192L * 95);
        // only road is labelled, so its IoU is (road predicted on labelled pixels) / (labelled pixels) <= road / labelled
        double iou = j.get("classes").get(0).get("iou").asDouble();
        assertThat(iou).isBetween(0.0, Math.min(1.0, (double) road / (192 * 95)));
        assertThat(j.get("meanIoU").asDouble()).isLessThanOrEqualTo(iou);

        CliRun text = CliRun.of("eval-seg", "--model", "fchardnet70", "--weights", weights(), "--images", images.toString(),
                "--labels", labels.toString(), "--train-ids");
        assertThat(text.out).contains("road").contains("mIoU");
        CliRun noLabels = CliRun.of("eval-seg", "--model", "fchardnet70", "--weights", weights(), "--images", images.toString(),
                "--labels", tmp.resolve("none").toString());
        assertThat(noLabels.exitCode).isEqualTo(1);
        assertThat(noLabels.err).contains("labels folder");
    }

    @Test
    void evalSegWithTrainIdsReadsCityscapesTrainIdMapsAndRefusesOtherValues() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("leftImg8bit/val/city"));
        Path labels = Files.createDirectories(tmp.resolve("gtFine/val/city"));
        Files.move(crop("street01.jpg", 500, 900), images.resolve("city_000000_000019_leftImg8bit.png"));
        int[] values = new int[192 * 96];
        Path trainIds = writeGrey(labels.resolve("city_000000_000019_gtFine_labelTrainIds.png"), values); // all road
        Arrays.fill(values, 7);
        writeGrey(labels.resolve("city_000000_000019_gtFine_labelIds.png"), values); // road too, as a label id; 7 as a train id is traffic sign
        String[] evalSeg = {"eval-seg", "--model", "fchardnet70", "--weights", weights(), "--images", tmp.resolve("leftImg8bit").toString(),
                "--labels", tmp.resolve("gtFine").toString(), "--train-ids", "--json"};

        CliRun r = CliRun.of(evalSeg);
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode classes = JSON.readTree(r.out).get("classes");
        assertThat(classes.get(0).get("pixels").asLong()).isEqualTo(192 * 96);
        assertThat(classes.get(7).get("pixels").asLong()).isZero();

        values = new int[192 * 96];
        values[5] = 19; // one past the 19 classes' train ids
        writeGrey(trainIds, values);
        CliRun bad = CliRun.of(evalSeg);
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err).endsWith("hardnet: " + trainIds + ": value 19 at x=5, y=0 is neither a train id of the model's"
                + " 19 classes (0..18) nor 255 (ignore); 1 pixel holds such values" + System.lineSeparator());
    }

    private static Path writeGrey(Path file, int[] values) throws Exception {
        BufferedImage label = new BufferedImage(192, 96, BufferedImage.TYPE_BYTE_GRAY);
        label.getRaster().setSamples(0, 0, 192, 96, 0, values);
        ImageIO.write(label, "png", file.toFile());
        return file;
    }

    @Test
    void infoReportsPeakActivationMemoryAndTheHeapToRunAtCityscapesSize() throws Exception {
        CliRun r = CliRun.of("info", "fchardnet70", "--size", "1024x2048", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("params").asLong()).isEqualTo(4_119_257L);
        assertThat(j.get("macs").asLong() / 1e9).isBetween(35.22 * 0.99, 35.22 * 1.01);
        long peak = j.get("peakActivationBytes").asLong();
        // at least the full-resolution logits (19 x 1024 x 2048 floats) live at the end
        assertThat(peak).isGreaterThanOrEqualTo(19L * 1024 * 2048 * 4);
        assertThat(j.get("runHeapBytes").asLong()).isGreaterThan(peak);
        assertThat(j.get("recommendedMaxHeapBytes").asLong()).isGreaterThan(j.get("runHeapBytes").asLong());
        assertThat(CliRun.of("info", "fchardnet70", "--size", "1024x2048").out).contains("peak activation memory").contains("-Xmx");
    }

    /** The README's images: full 2048x1024 street scenes. */
    @Test
    @Tag("slow")
    void segmentsTheFullSizeStreetScenes() throws Exception {
        Path out = tmp.resolve("masks");
        Path overlays = tmp.resolve("overlays");
        CliRun r = CliRun.of("segment", RefData.image("street01.jpg").toString(), RefData.image("street02.jpg").toString(),
                RefData.image("street03.jpg").toString(), "--model", "fchardnet70", "--weights", weights(),
                "--out", out.toString(), "--overlay", overlays.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        for (String n : new String[] {"street01", "street02", "street03"}) {
            assertThat(Images.read(out.resolve(n + ".png")).width()).isEqualTo(2048);
            assertThat(Images.read(overlays.resolve(n + ".png")).height()).isEqualTo(1024);
        }
    }
}
