package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.testsupport.StdoutCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareExampleTest {

    @Test
    void printsTheTableAndWritesTheFiles(@TempDir Path tmp) throws Exception {
        String printed = StdoutCapture.of(() -> CompareExample.main(new String[] {tmp.toString(), "hardnet39ds", "hardnet68ds"}));
        String out = printed;
        assertThat(out).contains("### classification").contains("| hardnet39ds | 224x224 | 3.49 M | 0.429 G |")
                .contains("| hardnet68ds |");
        assertThat(tmp.resolve("compare.csv")).exists();
        assertThat(tmp.resolve("latency-vs-cio-classification.png")).exists();
    }
}
