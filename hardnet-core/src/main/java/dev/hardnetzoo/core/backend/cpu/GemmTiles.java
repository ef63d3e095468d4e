package dev.hardnetzoo.core.backend.cpu;

/**
 * How the GEMM conv kernels split a convolution into tasks: over (batch item, group, pixel tile,
 * output-channel block). Channels are split only when there are too few pixel tiles to keep every
 * thread busy, in blocks aligned to the kernel's packed-weight rows.
 */
final class GemmTiles {
    /** Tasks per thread aimed for when splitting output channels to fill the cores. */
    private static final int TASKS_PER_THREAD = 4;

    /** One task: output channels [j0, j0+rows) of group grp, pixels [p0, p0+cols) of batch item n. */
    @FunctionalInterface
    interface Tile {
        void compute(int n, int grp, int p0, int cols, int j0, int rows);
    }

    private GemmTiles() {}

    static void forEach(ConvGeometry g, int batch, int tilePixels, int rowAlign, Parallel par, Tile tile) {
        int tiles = (g.outPlane() + tilePixels - 1) / tilePixels;
        int spatialTasks = batch * g.groups() * tiles;
        int blockRows = channelBlock(g.outPerGroup(), spatialTasks, rowAlign, par);
        int blocks = (g.outPerGroup() + blockRows - 1) / blockRows;
        par.forEach(spatialTasks * blocks, t -> {
            int block = t % blocks;
            int s = t / blocks;
            int tileIndex = s % tiles;
            int grp = s / tiles % g.groups();
            int n = s / tiles / g.groups();
            int p0 = tileIndex * tilePixels;
            int j0 = block * blockRows;
            tile.compute(n, grp, p0, Math.min(tilePixels, g.outPlane() - p0), j0, Math.min(blockRows, g.outPerGroup() - j0));
        });
    }

    /** Whether {@link #forEach} splits output channels: too few pixel tiles to keep every thread busy. */
    static boolean splitsChannels(ConvGeometry g, int batch, int tilePixels, Parallel par) {
        int tiles = (g.outPlane() + tilePixels - 1) / tilePixels;
        int rows = g.outPerGroup();
        return channelBlock(rows, batch * g.groups() * tiles, VectorGemm.MR, par) < rows;
    }

    /** Output channels per task: all {@code rows} of a group unless there are too few spatial tasks to go round. */
    private static int channelBlock(int rows, int spatialTasks, int rowAlign, Parallel par) {
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        if (spatialTasks >= target) return rows;
        int blocks = (target + spatialTasks - 1) / spatialTasks;
        int perBlock = (rows + blocks - 1) / blocks;
        int aligned = (perBlock + rowAlign - 1) / rowAlign * rowAlign; // blocks start on packed-weight rows
        return Math.min(rows, aligned);
    }
}
