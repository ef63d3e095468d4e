package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile YAML configurations end quickly in an IllegalArgumentException naming the source and the problem. */
class HrnetConfigHostileTest {

    static Stream<Arguments> hostile() {
        StringBuilder laughs = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) laughs.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            laughs.append("]\n");
        }
        laughs.append("MODEL: {EXTRA: *l9}\n");
        return Stream.of(
                Arguments.of("alias bomb (a billion laughs)", laughs.toString(), "MODEL.EXTRA"),
                Arguments.of("nesting 60k deep", "[".repeat(60_000), "not valid YAML"),
                Arguments.of("4 MB scalar (quadratic to scan)", "MODEL: " + "x".repeat(4 << 20), "larger than 65536 bytes"),
                Arguments.of("binary", "\u0000\u0001\u00ff\ud7ff", "not valid YAML"),
                Arguments.of("java tag", "MODEL: !!java.lang.ProcessBuilder [[id]]\n", "MODEL"),
                Arguments.of("python tag", "MODEL: !!python/object/apply:os.system [id]\n", "MODEL"),
                Arguments.of("number past long", stage("NUM_MODULES: 99999999999999999999999"), "NUM_MODULES must be an integer"),
                Arguments.of("two billion modules", stage("NUM_MODULES: 2147483647"), "NUM_MODULES must be at most"),
                Arguments.of("a million channels", stage("NUM_MODULES: 1").replace("NUM_CHANNELS: [18, 36]",
                        "NUM_CHANNELS: [1000000, 36]"), "NUM_CHANNELS[0] must be at most"),
                Arguments.of("a thousand branches", stage("NUM_MODULES: 1").replace("NUM_BRANCHES: 2", "NUM_BRANCHES: 1000"),
                        "NUM_BRANCHES must be at most"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedNamingTheSource(String what, String yaml, String expected) {
        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                HrnetConfigReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "hostile.yaml");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(thrown).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hostile.yaml").hasMessageContaining(expected);
        System.out.println(what + " -> " + thrown.getMessage().substring(0, Math.min(200, thrown.getMessage().length())));
    }

    /** A valid configuration whose STAGE2 has {@code modulesLine} as its NUM_MODULES line. */
    private static String stage(String modulesLine) {
        return """
                MODEL:
                  EXTRA:
                    STAGE1: {NUM_MODULES: 1, NUM_RANCHES: 1, BLOCK: BOTTLENECK, NUM_BLOCKS: [4], NUM_CHANNELS: [64], FUSE_METHOD: SUM}
                    STAGE2:
                      %s
                      NUM_BRANCHES: 2
                      BLOCK: BASIC
                      NUM_BLOCKS: [4, 4]
                      NUM_CHANNELS: [18, 36]
                      FUSE_METHOD: SUM
                    STAGE3: {NUM_MODULES: 4, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [4, 4, 4], NUM_CHANNELS: [18, 36, 72], FUSE_METHOD: SUM}
                    STAGE4: {NUM_MODULES: 3, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [4, 4, 4, 4], NUM_CHANNELS: [18, 36, 72, 144], FUSE_METHOD: SUM}
                """.formatted(modulesLine);
    }
}
