package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.testsupport.RefData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HRNet baselines reach the command line through hrnet-baseline's ModelProvider. */
class HrnetCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void segmentRunsHrnetOnRandomWeightsAndMasksEveryPixelAtTheImageSize() throws Exception {
        Path weights = tmp.resolve("hrnet.safetensors");
        CliRun init = CliRun.of("init", "hrnetv2-w18-small-v2", "--seed", "1", "--out", weights.toString());
        assertThat(init.exitCode).as(init.err).isZero();
        assertThat(init.out).contains("3,939,579");

        // An odd-sized crop: HRNet's logits come at 1/4 (rounded up) and the CLI brings them to the image size.
        Path image = tmp.resolve("street.png");
        Images.writePng(image, Images.read(RefData.image("street01.jpg")).crop(400, 800, 90, 150).toBufferedImage());
        Path mask = tmp.resolve("mask.png");
        CliRun r = CliRun.of("segment", image.toString(), "--model", "hrnetv2-w18-small-v2", "--weights", weights.toString(),
                "--out", mask.toString(), "--json", "--threads", "2");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = JSON.readTree(r.out).get(0);
        assertThat(j.get("width").asInt()).isEqualTo(150);
        assertThat(j.get("height").asInt()).isEqualTo(90);
        long pixels = 0;
        for (JsonNode c : j.get("classes")) pixels += c.get("pixels").asLong();
        assertThat(pixels).isEqualTo(90 * 150);
        assertThat(Images.read(mask).width()).isEqualTo(150);
    }

    @Test
    void infoGivesTheOfficialSizesOfHrnetV2W48AtCityscapesResolution() throws Exception {
        CliRun r = CliRun.of("info", "hrnetv2-w48", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("params").asLong()).isEqualTo(65_859_379L);
        assertThat(j.get("macs").asLong()).isEqualTo(747_513_053_184L);
    }

    @Test
    void modelsListsTheHrnets() {
        CliRun r = CliRun.of("models");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("hrnetv2-w18-small-v2").contains("hrnetv2-w48").contains("hrnet_w18_small_v2");
    }
}
