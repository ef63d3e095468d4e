package dev.hardnetzoo.core.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of .npy files (magic, version, header dict, shape, data length). Without JAZZER_FUZZ it replays the seeds in
 * src/test/resources/dev/hardnetzoo/core/hostile/NpyFuzzTestInputs (a regression test);
 * with it (-Pfull) Jazzer mutates them for 15 s.
 */
class NpyFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] data) throws Exception {
        FuzzInputs.parse(Parsers.Kind.NPY, "input.npy", data);
    }
}
