package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build runs tests with jdk.incubator.vector, so the fast kernels are the ones tested. */
class VectorSupportTest {
    @Test
    void vectorKernelsAreOnUnderTheBuild() {
        boolean moduleGiven = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean disabled = "false".equalsIgnoreCase(System.getProperty(VectorSupport.PROPERTY));
        assertThat(VectorSupport.AVAILABLE).isEqualTo(moduleGiven && !disabled);
        assertThat(moduleGiven).as("surefire's argLine adds jdk.incubator.vector").isTrue();
    }
}
