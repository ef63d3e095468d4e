package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.testsupport.RefData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: output, files written, and one-line errors with non-zero exits. */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void modelsListsTheClassifiersWithExactParameterCounts() {
        CliRun r = CliRun.of("models");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("hardnet68 ").contains("17,565,348").contains("hardnet39ds").contains("3,488,228");
    }

    @Test
    void infoJsonHasTheCostFields() throws Exception {
        CliRun r = CliRun.of("info", "hardnet68", "--json");
        assertThat(r.exitCode).isZero();
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("model").asText()).isEqualTo("hardnet68");
        assertThat(j.get("params").asLong()).isEqualTo(17_565_348L);
        assertThat(j.get("macs").asLong() / 1e9).isBetween(4.245, 4.247);
        assertThat(j.get("cio").asLong() / 1e6).isBetween(11.46, 11.48);
        assertThat(j.get("peakActivationBytes").asLong()).isPositive();
        assertThat(j.get("input").toString()).isEqualTo("[1,3,224,224]");
    }

    @Test
    void infoAtAnotherSizeWithLayers() {
        CliRun r = CliRun.of("info", "hardnet39ds", "--size", "193x257", "--layers");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("[1, 3, 193, 257]").contains("base.0.conv");
    }

    @Test
    void initThenRunReproducesTheModelDeterministically() throws Exception {
        Path w1 = tmp.resolve("a.safetensors");
        Path w2 = tmp.resolve("b.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", w1.toString(), "--seed", "7", "--classes", "10").exitCode).isZero();
        assertThat(CliRun.of("init", "hardnet39ds", "--out", w2.toString(), "--seed", "7", "--classes", "10").exitCode).isZero();
        assertThat(Files.readAllBytes(w1)).isEqualTo(Files.readAllBytes(w2));

        Path in = tmp.resolve("in.npy");
        Npy.write(in, new Tensor(dev.hardnetzoo.core.tensor.Shape.nchw(1, 3, 64, 64), new float[3 * 64 * 64]));
        Path out = tmp.resolve("out.npy");
        CliRun r = CliRun.of("run", "hardnet39ds", "--weights", w1.toString(), "--input", in.toString(),
                "--output", out.toString(), "--threads", "1");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(Npy.read(out).shape().dims()).containsExactly(1, 10); // class count from the weights
    }

    @ParameterizedTest(name = "weights from {0}")
    @ValueSource(strings = {"hardnet39ds.safetensors", "hardnet39ds.zip.pth", "hardnet39ds.legacy.pth"})
    void runMatchesThePyTorchReference(String weights) throws Exception {
        Path out = tmp.resolve("logits.npy");
        CliRun r = CliRun.of("run", "hardnet39ds", "--weights", RefData.ref(weights).toString(),
                "--input", RefData.ref("hardnet39ds.input.npy").toString(), "--output", out.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        Parity.assertClose(Npy.read(out), Npy.read(RefData.ref("hardnet39ds.logits.npy")), 1e-3f);
    }

    @Test
    void classifyPrintsTopKAsJson() throws Exception {
        Path image = RefData.image("chelsea.png");
        Path w = tmp.resolve("w.safetensors");
        CliRun.of("init", "hardnet39ds", "--out", w.toString());
        CliRun r = CliRun.of("classify", image.toString(), "--model", "hardnet39ds", "--weights", w.toString(),
                "--top", "3", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode top = JSON.readTree(r.out).get(image.toString());
        assertThat(top).hasSize(3);
        assertThat(top.get(0).get("probability").asDouble()).isGreaterThanOrEqualTo(top.get(1).get("probability").asDouble());
    }

    @Test
    void badInputsFailWithOneLineNamingTheProblem() throws Exception {
        Path w = tmp.resolve("w.safetensors");
        CliRun.of("init", "hardnet39ds", "--out", w.toString());
        Path in = tmp.resolve("small.npy");
        Npy.write(in, new Tensor(dev.hardnetzoo.core.tensor.Shape.nchw(1, 3, 16, 16), new float[3 * 16 * 16]));

        CliRun.assertOneLineError(CliRun.of("info", "nosuchnet"), "unknown model 'nosuchnet'");
        CliRun.assertOneLineError(CliRun.of("run", "hardnet39ds", "--weights", w.toString(), "--input", in.toString(),
                "--output", tmp.resolve("o.npy").toString()), "at least 32x32");
        CliRun.assertOneLineError(CliRun.of("run", "hardnet68", "--weights", w.toString(), "--input", in.toString(),
                "--output", tmp.resolve("o.npy").toString()), "written for model 'hardnet39ds'");
        CliRun.assertOneLineError(CliRun.of("classify", tmp.resolve("missing.png").toString(), "--model", "hardnet39ds",
                "--weights", w.toString()), "missing.png");
        assertThat(CliRun.of("info", "hardnet68", "--size", "axb").exitCode).isEqualTo(2);
        assertThat(tmp.resolve("o.npy")).doesNotExist();
    }
}
