package dev.hardnetzoo.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitKTest {
    @Test
    void enoughTilesAreNotSplit() {
        assertThat(SplitK.splits(1024, 5000, 1024)).isEqualTo(1);
        assertThat(SplitK.splits(4000, 5000, 1024)).isEqualTo(1);
    }

    @Test
    void fewTilesAreSplitUpToTheTarget() {
        // HarDNet-68's last 3x3 layers at batch 1: 7x7 = 49 columns (2 tiles) x 1024 channels (32 tiles), 720 x 9 steps
        assertThat(SplitK.splits(64, 405, 1024)).isEqualTo(16);
        assertThat(SplitK.splits(100, 10_000, 1024)).isEqualTo(11); // ceil(1024 / 100)
    }

    @Test
    void shallowReductionsKeepAtLeastEightStepsPerSplit() {
        assertThat(SplitK.splits(4, 40, 1024)).isEqualTo(5);
        assertThat(SplitK.splits(4, 7, 1024)).isEqualTo(1);
    }

    @Test
    void zeroTargetTurnsSplittingOff() {
        assertThat(SplitK.splits(1, 10_000, 0)).isEqualTo(1);
    }

    @Test
    void onlyGpusSplitUnlessTheyAreTold() {
        assertThat(SplitK.targetGroups(true)).isEqualTo(1024);
        assertThat(SplitK.targetGroups(false)).isZero();
        System.setProperty(SplitK.TARGET_GROUPS_PROPERTY, "256");
        try {
            assertThat(SplitK.targetGroups(false)).isEqualTo(256);
            assertThat(SplitK.targetGroups(true)).isEqualTo(256);
        } finally {
            System.clearProperty(SplitK.TARGET_GROUPS_PROPERTY);
        }
    }

    @Test
    void negativeTargetIsRefusedNamingTheProperty() {
        System.setProperty(SplitK.TARGET_GROUPS_PROPERTY, "-1");
        try {
            assertThatThrownBy(() -> SplitK.targetGroups(true)).hasMessageContaining("-Dhardnet.tornado.splitK=-1");
        } finally {
            System.clearProperty(SplitK.TARGET_GROUPS_PROPERTY);
        }
    }
}
