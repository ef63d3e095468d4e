package dev.hardnetzoo.core.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of PyTorch checkpoints as whole files (zip or legacy layout). Without JAZZER_FUZZ it replays the seeds in
 * src/test/resources/dev/hardnetzoo/core/hostile/CheckpointFuzzTestInputs (a regression test);
 * with it (-Pfull) Jazzer mutates them for 15 s.
 */
class CheckpointFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] data) throws Exception {
        FuzzInputs.parse(Parsers.Kind.CHECKPOINT, "input.pth", data);
    }
}
