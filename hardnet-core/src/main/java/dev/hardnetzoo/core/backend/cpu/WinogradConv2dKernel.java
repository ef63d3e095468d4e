package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Winograd F(m x m, 3x3) for dense 3x3 convs with stride 1 and no dilation (most of HarDNet's
 * multiply-adds): m = 4 costs 36 multiply-adds per 16 outputs and channel pair instead of 144,
 * m = 2 costs 16 per 4 (36 direct); {@link Conv3x3Choice} picks one per layer. Per batch
 * item and chunk of up to {@link VectorGemm#NR} tiles (one vector of tiles on small planes) the input
 * tiles are transformed for every input channel, each position's GEMM multiplies the weights
 * transformed and packed here with them, and the output transform adds bias and activation on the
 * way out. The GEMMs run a group of output-channel blocks over one depth slice of one position at
 * a time, so that slice of transformed inputs is read from L1 by every block of the group.
 * Only created when {@link VectorSupport#AVAILABLE}.
 */
final class WinogradConv2dKernel extends Conv2dKernel {
    private static final int TASKS_PER_THREAD = 4;
    /** Chunks per thread from which each chunk becomes one task doing both passes. */
    private static final int CHUNK_TASKS_PER_THREAD = 2;
    /** Product tasks per thread: fewer than for the transforms, as each task rereads inputs or weights. */
    private static final int PRODUCT_TASKS_PER_THREAD = 2;
    private static final float[] NO_BIAS = new float[VectorGemm.MR];
    /** Depth slice of one GEMM call: 256 x NR transformed inputs are 32 KiB, two thirds of L1 (measured best with 8 blocks). */
    private static final int DEPTH_SLICE = 256;
    /** Output-channel blocks (of MR) that share one depth slice while it is in L1. */
    private static final int BLOCK_GROUP = 8;

    /**
     * Transformed inputs of one group of chunks, [chunk][position][inC][NR]: 8 MiB unless one chunk
     * is more. Each group streams all the transformed weights from memory once, so a group holds
     * both chunks of a 28x28 map even at 466 channels (HarDNet-68's F(4x4) layers on 28x28 maps
     * measured 12 % faster than with groups of one chunk).
     */
    private static final int SHARED_FLOATS = 1 << 21;
    /** A task's products for a block group over the group's chunks: 1 MiB, half of L2. */
    private static final int PRODUCT_FLOATS = 1 << 18;
    private static final Scratch.Buffer SHARED = new Scratch.Buffer();
    /** Per-thread scratch: a block group's products [position][group * MR][chunk][NR] and one row's outputs [m * m][NR]. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private final WinogradTransform tf;
    private final float[][] packed; // per position: U packed as GEMM weights over depth inC
    private final int blocks;
    /** Tiles per chunk: NR, or one vector's worth when the whole plane has no more tiles than that. */
    private final int width;
    private final int tilesH;
    private final int tilesW;
    /** Tiles per chunk: {@link #width}, or fewer so that chunks hold whole tile rows where that costs no extra chunk. */
    private final int perChunk;
    /** Whether chunks are whole tile rows whose column transforms' whole-vector stores stay inside a channel's row of v. */
    private final boolean directRows;

    WinogradConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation, WinogradTransform tf) {
        super(g, bias, activation);
        this.tf = tf;
        this.blocks = (g.outC() + VectorGemm.MR - 1) / VectorGemm.MR;
        this.tilesH = (g.outH() + tf.m() - 1) / tf.m();
        this.tilesW = (g.outW() + tf.m() - 1) / tf.m();
        this.width = chunkWidth(tilesH * tilesW);
        this.perChunk = tilesPerChunk(tilesH * tilesW, tilesW, width);
        int rowsPerChunk = perChunk / tilesW;
        this.directRows = perChunk % tilesW == 0
                && (rowsPerChunk - 1) * tilesW + (tilesW + VectorGemm.L - 1) / VectorGemm.L * VectorGemm.L <= width;
        this.packed = new float[tf.positions()][];
        float[][] u = tf.transformWeights(weight, g.outC(), g.inC());
        for (int xi = 0; xi < packed.length; xi++) {
            packed[xi] = VectorGemmConv2dKernel.pack(u[xi], 1, g.outC(), g.inC(), blocks);
        }
    }

    /**
     * Floats from one position's transformed inputs of a chunk to the next: its inC rows of
     * {@link #width}, then a cache line that a last channel's whole-vector stores may run into.
     */
    private int positionFloats() {
        return geom.inC() * width + 16;
    }

    /** Tiles per chunk for a plane of {@code tiles} tiles. */
    static int chunkWidth(int tiles) {
        return tiles <= VectorGemm.L ? VectorGemm.L : VectorGemm.NR;
    }

    /**
     * Whole tile rows per chunk (two rows of 7 tiles on a 28x28 map, not 16 tiles straddling three
     * rows) when the plane then needs no more chunks: the input transform runs once per run of
     * tiles within a row, and its column pass fills a vector of tiles per run, so fewer, longer runs
     * waste fewer lanes. DenseNet-121's F(4x4) steps on 28x28 maps ran 4-5 % faster against its 1x1
     * steps (0.211-0.231 against 0.219-0.239, seven alternating profiles on a 2-core Zen 3, faster
     * in each pair); HarDNet-68's level.
     */
    static int tilesPerChunk(int tiles, int tilesW, int width) {
        int rows = width / tilesW * tilesW;
        if (rows == 0 || rows == width) return width;
        return (tiles + rows - 1) / rows == (tiles + width - 1) / width ? rows : width;
    }

    @Override
    String describe() {
        return super.describe() + " F(" + tf.m() + "x" + tf.m() + ")";
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        int nr = width;
        int chunks = (tilesH * tilesW + perChunk - 1) / perChunk;
        int chunkFloats = tf.positions() * positionFloats();
        if (par.threads() > 1 && (long) chunks * in.shape().n() >= (long) CHUNK_TASKS_PER_THREAD * par.threads()) {
            computeByChunk(arena, in, out, par, chunks, chunkFloats);
            return;
        }
        int productsPerChunk = tf.positions() * BLOCK_GROUP * VectorGemm.MR * nr;
        int perGroup = Math.max(1, Math.min(chunks,
                Math.min(SHARED_FLOATS / chunkFloats, PRODUCT_FLOATS / productsPerChunk)));
        float[] v = sharedInputs((long) perGroup * chunkFloats);
        for (int n = 0; n < in.shape().n(); n++) {
            for (int c0 = 0; c0 < chunks; c0 += perGroup) {
                group(arena, in, out, par, n, c0, Math.min(perGroup, chunks - c0), v);
            }
        }
    }

    /**
     * One task per (item, chunk), each transforming its chunk's inputs into its own thread's buffer
     * and running all its products and output transforms: with enough chunks to keep every thread
     * busy (large planes) this needs no barrier between the passes, and a chunk's transformed
     * inputs never leave the core that made them.
     */
    private void computeByChunk(float[] arena, Slice in, Slice out, Parallel par, int chunks, int chunkFloats) {
        par.forEach(in.shape().n() * chunks, t -> {
            int n = t / chunks;
            int chunk = t % chunks;
            float[] v = sharedInputs(chunkFloats);
            transformInput(arena, in.at(n, 0), chunk, 0, geom.inC(), v, 0);
            multiplyAndTransformOutput(v, arena, out.at(n, 0), chunk, 0, 1, 0, blocks);
        });
    }

    /**
     * Chunks [c0, c0 + count) of batch item n in two parallel passes, so no input is transformed
     * twice however the work is split: all input channels of every chunk into v, then the products
     * and output transforms, split between output channels and chunks by {@link #productSplit}.
     */
    private void group(float[] arena, Slice in, Slice out, Parallel par, int n, int c0, int count, float[] v) {
        int inC = geom.inC();
        int chunkFloats = tf.positions() * positionFloats();
        int inBase = in.at(n, 0);
        int icParts = parts(count, inC, par);
        par.forEach(count * icParts, t -> {
            int chunk = t / icParts;
            int part = t % icParts;
            transformInput(arena, inBase, c0 + chunk, inC * part / icParts, inC * (part + 1) / icParts,
                    v, chunk * chunkFloats);
        });
        int[] split = productSplit(count, par.threads());
        int ocParts = split[0];
        int chunkParts = split[1];
        int outBase = out.at(n, 0);
        par.forEach(ocParts * chunkParts, t -> {
            int oc = t / chunkParts;
            int cp = t % chunkParts;
            multiplyAndTransformOutput(v, arena, outBase, c0, count * cp / chunkParts, count * (cp + 1) / chunkParts,
                    blocks * oc / ocParts, blocks * (oc + 1) / ocParts);
        });
    }

    /**
     * How to cut the products of a group of {@code count} chunks into (output-channel parts, chunk
     * parts) for {@code threads} threads: each task reads the transformed inputs of its chunks and
     * the weights of its channels, so among the splits giving every thread work, the one reading
     * the fewest floats: chunkParts x weights + ocParts x transformed inputs.
     */
    private int[] productSplit(int count, int threads) {
        if (threads == 1) return new int[] {1, 1};
        int target = threads * PRODUCT_TASKS_PER_THREAD;
        double weights = (double) blocks * VectorGemm.MR * geom.inC();
        double inputs = (double) count * width * geom.inC();
        int[] best = {Math.min(blocks, target), 1};
        double bestCost = Double.MAX_VALUE;
        for (int ocParts = 1; ocParts <= Math.min(blocks, target); ocParts++) {
            int chunkParts = Math.min(count, (target + ocParts - 1) / ocParts);
            if (ocParts * chunkParts < Math.min(target, blocks * count)) continue;
            double cost = chunkParts * weights + ocParts * inputs;
            if (cost < bestCost) {
                bestCost = cost;
                best = new int[] {ocParts, chunkParts};
            }
        }
        return best;
    }

    /** Parts to cut each of {@code items} items of {@code length} units into so every thread has work. */
    private static int parts(int items, int length, Parallel par) {
        int target = par.threads() == 1 ? 1 : par.threads() * TASKS_PER_THREAD;
        return items >= target ? 1 : Math.min(length, (target + items - 1) / items);
    }

    /**
     * This thread's buffer of transformed inputs: a caller's is shared with the pool's threads
     * during one call; in {@link #computeByChunk} each thread uses its own.
     */
    private static float[] sharedInputs(long floats) {
        return SHARED.floats(Math.toIntExact(floats));
    }

    /**
     * Output-channel blocks [b0, b1) of the group's chunks [ch0, ch1) (chunk c's transformed inputs
     * are at v[c * chunkFloats]; the group starts at chunk c0 of the plane). Products are kept as
     * m[position][row of the block group][chunk][NR] until the output transform.
     */
    private void multiplyAndTransformOutput(float[] v, float[] arena, int outBase, int c0, int ch0, int ch1,
                                            int b0, int b1) {
        int nr = width;
        int mr = VectorGemm.MR;
        int inC = geom.inC();
        int positions = tf.positions();
        int ps = positionFloats();
        int chunkFloats = positions * ps;
        int groupRows = BLOCK_GROUP * mr;
        int ldm = (ch1 - ch0) * nr;
        float[][] scratch = scratch(positions * groupRows * ldm, tf.m() * tf.m() * nr);
        float[] m = scratch[0];
        for (int bg = b0; bg < b1; bg += BLOCK_GROUP) {
            int bEnd = Math.min(b1, bg + BLOCK_GROUP);
            for (int xi = 0; xi < positions; xi++) {
                for (int k0 = 0; k0 < inC; k0 += DEPTH_SLICE) {
                    int kLen = Math.min(DEPTH_SLICE, inC - k0);
                    for (int ch = ch0; ch < ch1; ch++) {
                        int vAt = ch * chunkFloats + xi * ps + k0 * nr;
                        for (int b = bg; b < bEnd; b++) {
                            int rows = Math.min(mr, geom.outC() - b * mr);
                            int wAt = (b * inC + k0) * mr;
                            int mAt = (xi * groupRows + (b - bg) * mr) * ldm + (ch - ch0) * nr;
                            if (nr == VectorGemm.NR) {
                                VectorGemm.block(packed[xi], wAt, kLen, v, vAt, nr, m, mAt, ldm, rows, k0 == 0,
                                        NO_BIAS, 0, false, Activation.NONE);
                            } else {
                                VectorGemm.narrowBlock(packed[xi], wAt, kLen, v, vAt, nr, m, mAt, ldm, rows, k0 == 0,
                                        NO_BIAS, 0, false, Activation.NONE);
                            }
                        }
                    }
                }
            }
            for (int b = bg; b < bEnd; b++) {
                int rows = Math.min(mr, geom.outC() - b * mr);
                for (int ch = ch0; ch < ch1; ch++) {
                    int t0 = (c0 + ch) * perChunk;
                    transformOutput(m, (b - bg) * mr * ldm + (ch - ch0) * nr, ldm, groupRows * ldm, rows, b * mr,
                            arena, outBase, t0, Math.min(perChunk, tilesH * tilesW - t0), scratch[1]);
                }
            }
        }
    }

    /** The calling thread's product and output scratch, at least the given sizes. */
    private static float[][] scratch(int products, int outputs) {
        float[][] s = SCRATCH.get();
        if (s[0].length < products) s[0] = new float[products];
        if (s[1].length < outputs) s[1] = new float[outputs];
        return s;
    }

    /**
     * V = B^T d B for input channels [ic0, ic1) and the tiles of chunk {@code chunk}, into
     * v[vOff + position * positionFloats() + ic * width + tile - first tile]; lanes past the chunk's
     * tiles hold values of no use (their products are never stored).
     * Each run of the chunk's tiles within one tile row is done in two vectorised passes: t = B^T d
     * reading the input rows in place (columns in the padding give t = 0, rows in it read zeros),
     * then V = t B. Both store whole vectors, never masked (masked stores are slow on AMD's AVX2).
     * V goes straight into v: a run's last vector may run into the next channel's row, which this
     * task writes after it, or into the slack line after a position's rows. Only the last channel
     * of a task's range, where the next channel is another task's and chunks cross tile rows (when
     * they hold whole rows no store leaves the channel's row), goes to a staging row per position,
     * copied out once its runs are done. The staging copy, for every channel, had cost
     * DenseNet-121's F(4x4) steps on 28x28 maps a fifth of their time (one thread, CPU time:
     * 8.96 -> 7.04 ms per run straight), those on 56x56 an eighth (15.4 -> 13.6), HarDNet-68 a
     * tenth of its whole run (86 -> 76-77 ms in two of three alternating pairs, level in one).
     */
    private void transformInput(float[] a, int inBase, int chunk, int ic0, int ic1, float[] v, int vOff) {
        int nr = width;
        int m = tf.m();
        int positions = tf.positions();
        int plane = geom.inPlane();
        int inW = geom.inW();
        int ps = positionFloats();
        int first = chunk * perChunk;
        int last = Math.min(first + perChunk, tilesH * tilesW);
        RowSources rs = RowSources.get(tf.a(), m * tilesW + tf.rowSlack(), positions * (nr + VectorGemm.L));
        int sps = nr + VectorGemm.L;
        float[] staged = rs.staged;
        for (int ic = ic0; ic < ic1; ic++) {
            // Straight into v where no store can reach a row another task writes: chunks of whole
            // tile rows stay inside each channel's row; otherwise a run's last vector may run into
            // the next channel's row (this task's, written after it) or a position's slack line.
            boolean direct = directRows || ic + 1 < ic1 || ic1 == geom.inC();
            int src = inBase + ic * plane;
            for (int tile = first; tile < last; ) {
                int ty = tile / tilesW;
                int tx0 = tile % tilesW;
                int run = Math.min(tilesW - tx0, last - tile);
                int cols = m * run + 2;
                int xs = m * tx0 - geom.padW();
                int y0 = m * ty - geom.padH();
                int from = Math.max(0, -xs);
                int to = Math.max(from, Math.min(cols, inW - xs));
                for (int i = 0; i < tf.a(); i++) {
                    int y = y0 + i;
                    boolean inside = y >= 0 && y < geom.inH();
                    rs.d[i] = inside ? a : rs.zeros;
                    rs.off[i] = inside ? src + y * inW + xs : -from;
                    if (inside && rs.off[i] + to + VectorGemm.L > a.length) { // a row at the arena's very end
                        System.arraycopy(a, rs.off[i] + from, rs.spare[i], from, to - from);
                        rs.d[i] = rs.spare[i];
                        rs.off[i] = 0;
                    }
                }
                tf.rowTransform(rs.d, rs.off, from, to, rs.t);
                for (float[] t : rs.t) {
                    for (int x = 0; x < from; x++) t[x] = 0f;
                    for (int x = to; x < cols; x++) t[x] = 0f;
                }
                if (direct) {
                    tf.columnTransform(rs.t, run, v, vOff + ic * nr + tile - first, ps);
                } else {
                    tf.columnTransform(rs.t, run, staged, tile - first, sps);
                }
                tile += run;
            }
            if (direct) continue;
            for (int xi = 0; xi < positions; xi++) {
                // Whole vectors: System.arraycopy of these 8-16 floats was no faster (DenseNet-121's
                // Winograd steps against its 1x1s, per-step profiles: 0.71-0.74 against 0.68-0.71).
                for (int t = 0; t < nr; t += VectorGemm.L) {
                    FloatVector.fromArray(VectorGemm.S, staged, xi * sps + t).intoArray(v, vOff + ic * nr + xi * ps + t);
                }
            }
        }
    }

    /** Per-thread input-transform scratch: the input rows' sources and offsets, zeros, t rows, spare and staging rows. */
    private static final class RowSources {
        private static final ThreadLocal<RowSources> LOCAL = ThreadLocal.withInitial(() -> new RowSources(0, 0, 0));
        final float[][] d;
        final int[] off;
        final float[] zeros;
        final float[][] t;
        /** Copies of input rows too close to the arena's end to read whole vectors from. */
        final float[][] spare;
        final float[] staged;

        private RowSources(int rows, int length, int stagedLength) {
            d = new float[rows][];
            off = new int[rows];
            zeros = new float[length];
            t = new float[rows][length];
            spare = new float[rows][length];
            staged = new float[stagedLength];
        }

        /** This thread's scratch for {@code rows} rows of at least {@code length} floats and {@code stagedLength} staged. */
        static RowSources get(int rows, int length, int stagedLength) {
            RowSources rs = LOCAL.get();
            if (rs.d.length != rows || rs.zeros.length < length || rs.staged.length < stagedLength) {
                boolean same = rs.d.length == rows;
                rs = new RowSources(rows, Math.max(length, same ? rs.zeros.length : 0),
                        Math.max(stagedLength, rs.staged.length));
                LOCAL.set(rs);
            }
            return rs;
        }
    }

    /**
     * The output transform (with bias and activation) of {@code rows} output channels from oc0,
     * whose products start at mm[at0] (row stride ldm, position stride ps); then each tile's m x m
     * outputs are stored, clipped at the bottom and right edges.
     */
    private void transformOutput(float[] mm, int at0, int ldm, int ps, int rows, int oc0, float[] a, int outBase,
                                 int t0, int count, float[] y) {
        float lo = VectorGemm.lowerBound(activation);
        float hi = VectorGemm.upperBound(activation);
        int nr = width;
        int m = tf.m();
        int ow = geom.outW();
        int oh = geom.outH();
        int plane = geom.outPlane();
        for (int r = 0; r < rows; r++) {
            tf.outputTransform(mm, at0 + r * ldm, ps, nr, bias[oc0 + r], lo, hi, y);
            int o = outBase + (oc0 + r) * plane;
            for (int t = 0; t < count; t++) {
                int tile = t0 + t;
                int oy = tile / tilesW * m;
                int ox = tile % tilesW * m;
                int h = Math.min(m, oh - oy);
                int w = Math.min(m, ow - ox);
                for (int i = 0; i < h; i++) {
                    int at = o + (oy + i) * ow + ox;
                    for (int j = 0; j < w; j++) a[at + j] = y[(i * m + j) * nr + t];
                }
            }
        }
    }
}
