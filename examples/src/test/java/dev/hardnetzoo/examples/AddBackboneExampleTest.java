package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.testsupport.StdoutCapture;
import org.junit.jupiter.api.Test;

class AddBackboneExampleTest {

    @Test
    void theNewBackboneIsInTheZooAndRuns() throws Exception {
        String printed = StdoutCapture.of(() -> AddBackboneExample.main(new String[] {"resnet18"}));
        assertThat(printed)
                .contains("resnet18: ResNet-18 (torchvision)")
                .contains("11,689,512 parameters, 1.814 G MACs")
                .contains("[1, 3, 224, 224] -> [1, 1000]");
    }
}
