package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareExampleTest {

    @Test
    void printsTheTableAndWritesTheFiles(@TempDir Path tmp) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CompareExample.main(new String[] {tmp.toString(), "hardnet39ds", "hardnet68ds"});
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("### classification").contains("| hardnet39ds | 224x224 | 3.49 M | 0.429 G |")
                .contains("| hardnet68ds |");
        assertThat(tmp.resolve("compare.csv")).exists();
        assertThat(tmp.resolve("latency-vs-cio-classification.png")).exists();
    }
}
