package dev.hardnetzoo.hrnetbaseline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of HRNet YAML configurations (Jackson's YAML parser and our field
 * checks). Without JAZZER_FUZZ it replays the seeds in
 * src/test/resources/dev/hardnetzoo/hrnetbaseline/HrnetConfigFuzzTestInputs; under -Pfull
 * Jazzer mutates them for 15 s. The only acceptable failure is one naming the source.
 */
class HrnetConfigFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] yaml) throws Exception {
        try {
            HrnetConfigReader.read(new ByteArrayInputStream(yaml), "fuzz.yaml");
        } catch (IllegalArgumentException | IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("fuzz.yaml")) {
                throw new AssertionError("the failure does not name the source: " + e, e);
            }
        }
    }
}
