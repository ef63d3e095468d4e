package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void theWidthIsTheOneAskedForElseTheMachines() {
        String asked = System.getProperty(VectorSupport.BITS_PROPERTY);
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        if (asked == null) {
            assertThat(VectorGemm.L).isEqualTo(lanes);
            assertThat(VectorSupport.emulated()).isFalse();
        } else {
            assertThat(VectorGemm.L).isEqualTo(Integer.parseInt(asked) / 32);
            assertThat(VectorSupport.emulated()).isEqualTo(VectorGemm.L > lanes);
        }
        if (VectorGemm.L >= 16) assertThat(VectorGemm.REGISTERS).isEqualTo(32);
    }

    @Test
    void warnsOfASlowdownOnlyWhenTheVectorsAreEmulated() {
        // Under the build the module is loaded; without it the warning names the missing option.
        if (VectorSupport.emulated()) {
            assertThat(VectorSupport.slowdown()).get().asString().contains("emulated in plain Java").contains("-Dhardnet.cpu.vector.bits");
        } else {
            assertThat(VectorSupport.slowdown()).isEmpty();
        }
    }

    @Test
    void describesTheVectorsTheKernelsRunOn() {
        String vectors = VectorGemm.L * 32 + "-bit vectors (" + VectorGemm.L + " floats), register blocks for "
                + VectorGemm.REGISTERS + " registers";
        if (VectorSupport.emulated()) {
            assertThat(VectorSupport.describe()).startsWith(vectors + ", emulated in plain Java")
                    .contains("many times slower");
        } else {
            assertThat(VectorSupport.describe()).isEqualTo(vectors);
        }
        assertThat(new CpuBackend().devices()).singleElement().asString()
                .contains(VectorSupport.describe()).contains("cores");
    }

    @Test
    void refusesAWidthItCannotUse() {
        String before = System.getProperty(VectorSupport.BITS_PROPERTY);
        try {
            System.setProperty(VectorSupport.BITS_PROPERTY, "100");
            assertThatThrownBy(VectorSupport::requestedBits).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dhardnet.cpu.vector.bits=100: expected 128, 256 or 512");
            System.setProperty(VectorSupport.BITS_PROPERTY, "wide");
            assertThatThrownBy(VectorSupport::requestedBits).hasMessageContaining("=wide: expected");
            assertThatThrownBy(() -> new CpuBackend().devices()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hardnet.cpu.vector.bits=wide");
            System.setProperty(VectorSupport.BITS_PROPERTY, " 256 ");
            assertThat(VectorSupport.requestedBits()).isEqualTo(256);
        } finally {
            if (before == null) System.clearProperty(VectorSupport.BITS_PROPERTY);
            else System.setProperty(VectorSupport.BITS_PROPERTY, before);
        }
    }
}
