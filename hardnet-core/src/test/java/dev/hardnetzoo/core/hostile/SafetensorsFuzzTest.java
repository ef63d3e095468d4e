package dev.hardnetzoo.core.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of safetensors files (header length, JSON header, offsets, dtypes). Without JAZZER_FUZZ it replays the seeds in
 * src/test/resources/dev/hardnetzoo/core/hostile/SafetensorsFuzzTestInputs (a regression test);
 * with it (-Pfull) Jazzer mutates them for 15 s.
 */
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] data) throws Exception {
        FuzzInputs.parse(Parsers.Kind.SAFETENSORS, "input.safetensors", data);
    }
}
