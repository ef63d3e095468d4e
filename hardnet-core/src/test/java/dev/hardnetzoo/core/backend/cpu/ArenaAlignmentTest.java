package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArenaAlignmentTest {

    @Test
    void leadingFloatsTakeTheFirstElementToTheNextCacheLine() {
        assertThat(ArenaAlignment.leadingFloats(16)).as("default header").isEqualTo(12);
        assertThat(ArenaAlignment.leadingFloats(12)).as("compact object headers").isEqualTo(13);
        assertThat(ArenaAlignment.leadingFloats(20)).as("uncompressed class pointers").isEqualTo(11);
        assertThat(ArenaAlignment.leadingFloats(64)).as("already on a line").isZero();
    }

    @Test
    void thisJvmsArrayHeaderIsOneOfHotSpotsLayouts() {
        assertThat(ArenaAlignment.arrayHeaderBytes()).isIn(12, 16, 20);
        assertThat(ArenaAlignment.LEADING_FLOATS).isEqualTo(ArenaAlignment.leadingFloats(ArenaAlignment.arrayHeaderBytes()));
    }
}
