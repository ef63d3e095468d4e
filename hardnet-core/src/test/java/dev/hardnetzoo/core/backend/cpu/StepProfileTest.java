package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepProfileTest {

    @Test
    void skipsWarmUpRunsAndGroupsStepsByKind() {
        StepProfile profile = new StepProfile(List.of("conv 3x3 s1 winograd: a", "Concat: b", "conv 3x3 s1 winograd: c"));
        for (int i = 0; i < StepProfile.WARM_UP_RUNS; i++) profile.add(new long[] {1_000_000_000L, 0, 0});
        assertThat(profile.report()).startsWith("cpu profile: no runs");
        profile.add(new long[] {2_000_000L, 1_000_000L, 1_000_000L});
        profile.add(new long[] {2_000_000L, 1_000_000L, 1_000_000L});

        String report = profile.report();
        assertThat(report).startsWith("cpu profile (wall time): 2 runs, 4.00 ms per run in 3 steps");
        assertThat(report).containsPattern("conv 3x3 s1 winograd +3.00 ms +75.0% +\\(2 steps\\)");
        assertThat(report).containsPattern("Concat +1.00 ms +25.0% +\\(1 steps\\)");
        assertThat(report.indexOf("2.000 ms")).isLessThan(report.indexOf("1.000 ms")); // slowest step first
    }
}
