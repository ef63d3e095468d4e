package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.testsupport.StdoutCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.DetectExample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** detect, eval-det, run and DetectExample on an SSD (random weights: the boxes mean nothing, their form does). */
class DetectionCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path weights;

    @BeforeAll
    static void randomSsd300() throws Exception {
        weights = tmp.resolve("ssd300.safetensors");
        Safetensors.write(weights, tameRandomWeights(5), Map.of("model", "ssd300-hardnet68"));
    }

    /**
     * Random ssd300-hardnet68 weights (VOC) whose first conv is scaled down so that pixel-range
     * inputs give finite boxes and logits of moderate size, closer to what a trained model gives.
     */
    static Map<String, Tensor> tameRandomWeights(long seed) {
        ModelSpec spec = ModelZoo.get("ssd300-hardnet68");
        Map<String, Tensor> w = RandomWeights.generate(spec.defaultGraph(), seed);
        float[] stem = w.get("base.0.conv.weight").data();
        for (int i = 0; i < stem.length; i++) stem[i] /= 256;
        return w;
    }

    @Test
    void detectExamplePrintsLabelledBoxesAndWritesThePicture() throws Exception {
        Path image = RefData.image("astronaut.png");
        Path out = tmp.resolve("example.png");
        String printed = StdoutCapture.of(() -> DetectExample.main(new String[] {"ssd300-hardnet68", weights.toString(), image.toString(), out.toString(), "0.05"}));
        String[] lines = printed.strip().split("\\R");
        assertThat(lines[0]).matches("[01]\\.\\d\\d  \\S.*\\(-?\\d+, -?\\d+\\) - \\(-?\\d+, -?\\d+\\)");
        assertThat(Images.read(out).width()).isEqualTo(Images.read(image).width());
    }

    @Test
    void detectPrintsJsonAndDrawsTheBoxes() throws Exception {
        Path image = RefData.image("astronaut.png");
        Path png = tmp.resolve("boxes.png");
        CliRun r = CliRun.of("detect", image.toString(), "--model", "ssd300-hardnet68", "--weights", weights.toString(),
                "--score", "0.05", "--max", "20", "--out", png.toString(), "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode result = JSON.readTree(r.out).get(0);
        RgbImage original = Images.read(image);
        assertThat(result.get("width").asInt()).isEqualTo(original.width());
        JsonNode dets = result.get("detections");
        assertThat(dets.size()).isBetween(1, 20);
        for (JsonNode d : dets) {
            assertThat(d.get("score").asDouble()).isGreaterThan(0.05);
            assertThat(d.get("classId").asInt()).isBetween(1, 20);
            assertThat(d.get("className").asText()).isNotEqualTo("__background__");
        }
        RgbImage drawn = Images.read(png);
        assertThat(drawn.width()).isEqualTo(original.width());
        assertThat(drawn.data()).isNotEqualTo(original.data());
    }

    @Test
    @Tag("slow")
    void severalImagesGetOnePictureEachInTheOutputFolder() throws Exception {
        Path folder = tmp.resolve("drawn");
        CliRun r = CliRun.of("detect", RefData.image("astronaut.png").toString(), RefData.image("street01.jpg").toString(),
                "--model", "ssd300-hardnet68", "--weights", weights.toString(), "--score", "0.5", "--out", folder.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("astronaut.png (").contains("street01.jpg (");
        assertThat(folder.resolve("astronaut.boxes.png")).isRegularFile();
        assertThat(Images.read(folder.resolve("street01.boxes.png")).width())
                .isEqualTo(Images.read(RefData.image("street01.jpg")).width());
    }

    @Test
    void anImageThatFailsToDecodeAfterAnotherWasDrawnLeavesTheOutputFolderAsItWas() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("redrawn"));
        Path earlier = Files.writeString(folder.resolve("astronaut.boxes.png"), "an earlier run's picture");
        byte[] png = Files.readAllBytes(RefData.image("coffee.png"));
        Path truncated = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2)); // its header reads fine
        CliRun r = CliRun.of("detect", RefData.image("astronaut.png").toString(), truncated.toString(),
                "--model", "ssd300-hardnet68", "--weights", weights.toString(), "--out", folder.toString());
        assertThat(r.exitCode).as(r.err).isEqualTo(1);
        assertThat(r.err).contains("cannot decode image file " + truncated).doesNotContain("wrote");
        assertThat(Files.readString(earlier)).isEqualTo("an earlier run's picture");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(earlier);
        }
    }

    @Test
    void runWritesLocThenLogitsPerPrior() throws Exception {
        Path in = tmp.resolve("in.npy");
        Npy.write(in, new Tensor(Shape.nchw(1, 3, 300, 300), new float[3 * 300 * 300]));
        Path out = tmp.resolve("out.npy");
        CliRun r = CliRun.of("run", "ssd300-hardnet68", "--weights", weights.toString(), "--input", in.toString(),
                "--output", out.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(Npy.read(out).shape().dims()).containsExactly(1, 11_620, 4 + 21);
    }

    @Test
    void evalDetReportsApPerAnnotatedClass() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("JPEGImages"));
        Path annotations = Files.createDirectories(tmp.resolve("Annotations"));
        Files.copy(RefData.image("astronaut.png"), images.resolve("000001.png"));
        Files.writeString(annotations.resolve("000001.xml"), """
                <annotation><object><name>person</name><difficult>0</difficult>
                  <bndbox><xmin>150</xmin><ymin>20</ymin><xmax>400</xmax><ymax>512</ymax></bndbox></object></annotation>""");
        CliRun r = CliRun.of("eval-det", "--model", "ssd300-hardnet68", "--weights", weights.toString(),
                "--images", images.toString(), "--annotations", annotations.toString(), "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode report = JSON.readTree(r.out);
        assertThat(report.get("images").asInt()).isEqualTo(1);
        assertThat(report.get("metric").asText()).isEqualTo("voc07");
        assertThat(report.get("ap").size()).isEqualTo(1);
        assertThat(report.get("ap").get("person").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("mAP").asDouble()).isEqualTo(report.get("ap").get("person").asDouble());

        CliRun missing = CliRun.of("eval-det", "--model", "ssd300-hardnet68", "--weights", weights.toString(),
                "--images", tmp.resolve("nope").toString(), "--annotations", annotations.toString());
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).startsWith("hardnet: ").contains("nope");
    }

    @Test
    void anUnknownMetricIsAUsageError() {
        CliRun r = CliRun.of("eval-det", "--model", "ssd300-hardnet68", "--weights", weights.toString(),
                "--images", tmp.toString(), "--annotations", tmp.toString(), "--metric", "foo");
        CliRun.assertUsageError(r, "eval-det",
                "Invalid value for option '--metric': expected one of [voc07, area] (case-sensitive) but was 'foo'");
    }

    @Test
    void modelsAndInfoKnowTheDetectors() throws Exception {
        CliRun models = CliRun.of("models");
        assertThat(models.out).contains("ssd512-hardnet68").contains("25,700,414").contains("ssd300-hardnet68")
                .contains("17,260,864").contains("ssd512-hardnet85").contains("38,782,074");
        CliRun info = CliRun.of("info", "ssd300-hardnet68", "--json");
        assertThat(info.exitCode).as(info.err).isZero();
        JsonNode j = JSON.readTree(info.out);
        assertThat(j.get("params").asLong()).isEqualTo(17_260_864L);
        assertThat(j.get("macs").asLong() / 1e9).isBetween(9.65, 9.75);
    }

    @Test
    void detectRefusesAClassifier() throws Exception {
        Path w = tmp.resolve("cls.safetensors");
        CliRun.of("init", "hardnet39ds", "--out", w.toString());
        CliRun r = CliRun.of("detect", RefData.image("astronaut.png").toString(), "--model", "hardnet39ds",
                "--weights", w.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("not a detector");
    }
}
