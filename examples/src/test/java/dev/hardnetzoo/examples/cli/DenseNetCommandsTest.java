package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The DenseNet baselines reach the command line through densenet-baseline's ModelProvider. */
class DenseNetCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void infoJsonGivesDenseNet121sCioNextToThePapers() throws Exception {
        CliRun r = CliRun.of("info", "densenet121", "--json");
        assertThat(r.exitCode).isZero();
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("params").asLong()).isEqualTo(7_978_856L);
        assertThat(j.get("macs").asLong() / 1e9).isBetween(2.83, 2.84);
        assertThat(j.get("cio").asLong() / 1e6).isBetween(21.8, 21.95); // paper: 21.9 M
    }

    @Test
    void infoCountsFcDenseNetsTransposedConvolutions() throws Exception {
        CliRun r = CliRun.of("info", "fcdensenet103", "--json", "--layers");
        assertThat(r.exitCode).isZero();
        JsonNode j = JSON.readTree(r.out);
        assertThat(j.get("params").asLong()).isEqualTo(9_322_091L);
        assertThat(j.get("input").toString()).isEqualTo("[1,3,360,480]");
        assertThat(j.get("layers").findValuesAsText("op")).contains("convT3x3");
    }

    @Test
    void modelsListsTheBaselines() {
        CliRun r = CliRun.of("models");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("densenet161").contains("28,681,000").contains("densenet-bc-100-k12")
                .contains("fcdensenet56").contains("segmentation");
    }
}
