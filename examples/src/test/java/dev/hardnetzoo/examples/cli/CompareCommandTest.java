package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardnet compare}: tables grouped by task, CSV, JSON and charts. */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void groupsByTaskAndWritesCsvJsonAndCharts() throws Exception {
        CliRun r = CliRun.of("compare", "hardnet39ds", "fchardnet70", "--size", "64x64", "--warmup", "0", "--iters", "1",
                "--threads", "1", "--out", tmp.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("Random weights").contains("### classification").contains("### segmentation")
                .contains("| hardnet39ds | 64x64 |").contains("| fchardnet70 | 64x64 |");
        assertThat(r.out.indexOf("### classification")).isLessThan(r.out.indexOf("| fchardnet70"));

        List<String> csv = Files.readAllLines(tmp.resolve("compare.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("task,model,input,params,macs,cio,moc,peakActivationBytes,medianMs,minMs");
        assertThat(csv.get(1)).startsWith("classification,hardnet39ds,64x64,3488228,");

        JsonNode rows = JSON.readTree(tmp.resolve("compare.json").toFile());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("task").asText()).isEqualTo("segmentation");
        assertThat(rows.get(1).get("params").asLong()).isEqualTo(4_119_257L);
        assertThat(rows.get(1).get("weights").asText()).isEqualTo("random");

        for (String chart : List.of("latency-vs-macs-classification.png", "latency-vs-cio-classification.png",
                "latency-vs-macs-segmentation.png", "latency-vs-cio-segmentation.png")) {
            BufferedImage image = ImageIO.read(tmp.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
        }
    }

    @Test
    void jsonGoesToStdoutAlone() throws Exception {
        CliRun r = CliRun.of("compare", "hardnet39ds", "--size", "64", "--iters", "1", "--out", tmp.toString(), "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode row = JSON.readTree(r.out).get(0);
        assertThat(row.get("model").asText()).isEqualTo("hardnet39ds");
        assertThat(row.get("iterations").asInt()).isEqualTo(1);
        assertThat(row.get("medianMs").asDouble()).isPositive();
    }

    @Test
    void anAddedBackboneAppearsInModelsAndCompare() {
        assertThat(CliRun.of("models").out).contains("resnet18").contains("11,689,512").contains("25,557,032");
        CliRun r = CliRun.of("compare", "resnet18", "hardnet68", "--size", "64", "--iters", "1", "--warmup", "0",
                "--out", tmp.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("| resnet18 | 64x64 | 11.69 M |").contains("| hardnet68 | 64x64 | 17.57 M |");
    }

    @Test
    void anOutputFolderThatCannotBeMadeFailsBeforeAnyTiming() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = notes.resolve("cmp");
        CliRun r = CliRun.of("compare", "hardnet39ds", "--size", "64", "--warmup", "0", "--iters", "1", "--threads", "1",
                "--out", out.toString());
        // exactly this line: no progress bar, so no model was timed
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).isEqualTo("hardnet: " + out.resolve("compare.csv") + ": cannot write: " + notes + " is a file, not a folder"
                + System.lineSeparator());
        assertThat(r.out).isEmpty();
    }

    @Test
    void badArgumentsFailWithOneLine() {
        CliRun unknown = CliRun.of("compare", "nosuchnet", "--out", tmp.toString());
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.err).startsWith("hardnet: ").contains("unknown model 'nosuchnet'");
        CliRun.assertUsageError(CliRun.of("compare", "hardnet39ds", "--iters", "0", "--out", tmp.toString()),
                "compare", "--iters must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("compare", "hardnet39ds", "--warmup", "-1", "--out", tmp.toString()),
                "compare", "--warmup must be at least 0, got -1");
    }
}
