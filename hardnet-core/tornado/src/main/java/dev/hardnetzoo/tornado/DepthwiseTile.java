package dev.hardnetzoo.tornado;

import java.util.Optional;

/**
 * The output tile of one {@link Kernels#tiledDepthwise} work-group: {@code width} columns, each
 * work-item one column and {@code rows} outputs down it, so {@code WORK_GROUP / width * rows}
 * rows in all.
 */
record DepthwiseTile(int width, int rows) {
    /** 16 x 16 outputs, 4 per work-item: fewer patch rims re-read than 8 x 8. */
    static final DepthwiseTile LARGE = new DepthwiseTile(16, 4);
    /** 8 x 8 outputs, 1 per work-item: small planes (14x14 and below at 224x224) would leave a 16 x 16 tile mostly idle. */
    static final DepthwiseTile SMALL = new DepthwiseTile(8, 1);

    int height() {
        return Kernels.WORK_GROUP / width * rows;
    }

    /** Floats of input the tile reads: ((tile - 1) * stride + (kernel - 1) * dilation + 1) per side. */
    int patchFloats(int kH, int kW, int sH, int sW, int dH, int dW) {
        long h = (long) (height() - 1) * sH + (long) (kH - 1) * dH + 1;
        long w = (long) (width - 1) * sW + (long) (kW - 1) * dW + 1;
        return (int) Math.min(Integer.MAX_VALUE, h * w);
    }

    /**
     * The tile for a channel-wise conv with this output plane and geometry: the large one on planes
     * at least 12 pixels on both sides, else the small one, each only if its input patch fits the
     * kernel's local array; empty when neither fits or the kernel has more taps than it stages
     * (very large kernels or dilations: those run on the one-work-item-per-output kernel).
     */
    static Optional<DepthwiseTile> choose(int outH, int outW, int kH, int kW, int sH, int sW, int dH, int dW) {
        if ((long) kH * kW > Kernels.DW_TAPS) return Optional.empty();
        boolean large = outH >= 12 && outW >= 12;
        for (DepthwiseTile t : large ? new DepthwiseTile[] {LARGE, SMALL} : new DepthwiseTile[] {SMALL}) {
            if (t.patchFloats(kH, kW, sH, sW, dH, dW) <= Kernels.DW_PATCH) return Optional.of(t);
        }
        return Optional.empty();
    }
}
