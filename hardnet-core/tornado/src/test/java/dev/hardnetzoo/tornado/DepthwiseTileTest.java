package dev.hardnetzoo.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DepthwiseTileTest {

    @Test
    void tilesCoverOneWorkGroup() {
        assertThat(DepthwiseTile.LARGE.height()).isEqualTo(16);
        assertThat(DepthwiseTile.SMALL.height()).isEqualTo(8);
        assertThat(DepthwiseTile.LARGE.width() * DepthwiseTile.LARGE.height())
                .isEqualTo(Kernels.WORK_GROUP * DepthwiseTile.LARGE.rows());
    }

    @Test
    void patchIsTheInputWindowOfTheTile() {
        assertThat(DepthwiseTile.LARGE.patchFloats(3, 3, 1, 1, 1, 1)).isEqualTo(18 * 18);
        assertThat(DepthwiseTile.LARGE.patchFloats(3, 3, 2, 2, 1, 1)).isEqualTo(33 * 33);
        assertThat(DepthwiseTile.SMALL.patchFloats(5, 3, 1, 2, 2, 1)).isEqualTo((7 + 8 + 1) * (14 + 2 + 1));
    }

    @Test
    void largePlanesTakeTheLargeTile() {
        assertThat(DepthwiseTile.choose(112, 112, 3, 3, 2, 2, 1, 1)).contains(DepthwiseTile.LARGE);
        assertThat(DepthwiseTile.choose(12, 40, 3, 3, 1, 1, 1, 1)).contains(DepthwiseTile.LARGE);
    }

    @Test
    void smallPlanesTakeTheSmallTile() {
        assertThat(DepthwiseTile.choose(7, 7, 3, 3, 1, 1, 1, 1)).contains(DepthwiseTile.SMALL);
        assertThat(DepthwiseTile.choose(11, 56, 3, 3, 1, 1, 1, 1)).contains(DepthwiseTile.SMALL);
    }

    @Test
    void patchTooBigForTheLargeTileFallsBackToTheSmallOne() {
        // 16x16, stride 2, dilation 6: 43 x 43 floats > 1600; 8x8: 27 x 27.
        assertThat(DepthwiseTile.choose(56, 56, 3, 3, 2, 2, 6, 6)).contains(DepthwiseTile.SMALL);
    }

    @Test
    void nothingFitsForHugeDilationsOrKernels() {
        assertThat(DepthwiseTile.choose(56, 56, 3, 3, 1, 1, 20, 20)).isEmpty();
        assertThat(DepthwiseTile.choose(56, 56, 9, 9, 1, 1, 1, 1)).isEmpty();
        assertThat(DepthwiseTile.choose(56, 56, 1, 65, 1, 1, 1, 1)).isEmpty();
    }
}
