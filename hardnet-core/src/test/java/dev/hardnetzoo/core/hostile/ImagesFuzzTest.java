package dev.hardnetzoo.core.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of image files through ImageIO (PNG, JPEG, BMP, GIF, TIFF headers and data). Without JAZZER_FUZZ it replays the seeds in
 * src/test/resources/dev/hardnetzoo/core/hostile/ImagesFuzzTestInputs (a regression test);
 * with it (-Pfull) Jazzer mutates them for 15 s.
 */
class ImagesFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] data) throws Exception {
        FuzzInputs.parse(Parsers.Kind.IMAGE, "input.img", data);
    }
}
