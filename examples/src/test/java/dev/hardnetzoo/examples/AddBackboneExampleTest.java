package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AddBackboneExampleTest {

    @Test
    void theNewBackboneIsInTheZooAndRuns() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AddBackboneExample.main(new String[] {"resnet18"});
        } finally {
            System.setOut(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("resnet18: ResNet-18 (torchvision)")
                .contains("11,689,512 parameters, 1.814 G MACs")
                .contains("[1, 3, 224, 224] -> [1, 1000]");
    }
}
