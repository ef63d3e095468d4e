package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Convolution as a GEMM per (batch item, group) on the Vector API micro-kernel of {@link VectorGemm}:
 * output[oc][pixel] = W[oc][k] * B[k][pixel]. Weights are packed once, here, into blocks of
 * {@link VectorGemm#MR} output channels interleaved by depth. B is built one pixel tile and depth
 * chunk at a time in a per-thread panel (a pointwise conv's plane rows cut into strips of NR
 * pixels, each strip's depth rows contiguous; {@link Im2col} rows otherwise), or, for a pointwise
 * conv on too few tiles to go round the threads, once per tile into a panel all its tasks share;
 * a stride-2 stem reads it in place from its input laid out once as {@link TapRows}.
 * The micro-kernel keeps its accumulators in registers over the chunk and writes bias + partial
 * sums + activation straight into the output. Work is split over (batch, group, pixel tile, output-channel block) by
 * {@link GemmTiles}.
 */
final class VectorGemmConv2dKernel extends Conv2dKernel {
    /** Output pixels per tile: a few micro-kernel strips. */
    static final int TILE = 4 * VectorGemm.NR;
    /**
     * GEMM depth per chunk: the whole depth of nearly every layer, as each further chunk rereads and
     * rewrites the outputs and packs again. A strip of 1024 x NR floats (64 KiB) is read from L2, in
     * one stream; even so, 1024 ran the 1x1 steps of HarDNet-39DS 6-7 % and of HarDNet-68 5 % faster
     * than 256 (which kept a strip in L1), alternating per-step profiles on a 2-core Zen 3.
     */
    static final int DEPTH_CHUNK = 1024;
    /** Row stride of the im2col panel: one cache line more than a tile, so a strip's rows spread over L1 sets. */
    private static final int LD = TILE + 16;

    /**
     * Per-thread B panel of a pointwise conv, as strips ([strip][k][NR]: the micro-kernel then reads
     * one stream of whole cache lines, 6-19 % faster than rows of a tile on one Zen 3 core, most for
     * deep 1x1s), at least {@link #chunk} x TILE floats.
     */
    private static final Scratch.Buffer STRIPS = new Scratch.Buffer();
    /**
     * Per-thread B panel of other convs, im2col rows LD apart, at least {@link #chunk} x LD floats
     * (cutting them into strips cost more than it gained where few output channels share them:
     * FC-HarDNet's 16->24, the stems).
     */
    private static final Scratch.Buffer ROWS = new Scratch.Buffer();
    /**
     * The caller's B panels of every tile of one batch item, [tile][strip][k][NR] over the whole
     * depth, when pointwise tasks split output channels ({@link #computeSharedPanels}); shared by
     * the pool's tasks during one call, which do not touch it otherwise.
     */
    private static final Scratch.Buffer SHARED_PANELS = new Scratch.Buffer();
    /** Packing tasks per thread for {@link #computeSharedPanels}: cheap copies, cut fine. */
    private static final int PACK_TASKS_PER_THREAD = 4;
    /** Per-thread MR x TILE block for the pixel tail of a tile. */
    private static final Scratch.Buffer TAIL = new Scratch.Buffer();

    /** Depth rows of the panel: a chunk's, at most the conv's depth, so scratch grows only as far as a layer needs. */
    private final int chunk;

    private final float[] packed;
    private final int blocksPerGroup;
    /** For stride-2 stems: the input laid out once per call as rows the GEMM reads in place, or null. */
    private final TapRows taps;
    /** Applied to the input while packing it (pointwise convs only), or null. */
    private final InputAffine inputAffine;

    VectorGemmConv2dKernel(ConvGeometry g, float[] weight, float[] bias, Activation activation) {
        super(g, bias, activation);
        this.blocksPerGroup = (g.outPerGroup() + VectorGemm.MR - 1) / VectorGemm.MR;
        this.taps = TapRows.handles(g) ? new TapRows(g) : null;
        float[] ordered = taps == null ? weight : TapRows.depthByRow(weight, g);
        this.packed = pack(ordered, g.groups(), g.outPerGroup(), g.depth(), blocksPerGroup);
        this.chunk = Math.min(DEPTH_CHUNK, g.depth());
        this.inputAffine = null;
    }

    private VectorGemmConv2dKernel(VectorGemmConv2dKernel k, InputAffine inputAffine) {
        super(k.geom, k.bias, k.activation);
        this.blocksPerGroup = k.blocksPerGroup;
        this.packed = k.packed;
        this.chunk = k.chunk;
        this.inputAffine = inputAffine;
        this.taps = k.taps;
    }

    /** Pointwise convs copy every input row into the panel anyway, so they apply a BatchNorm on the way. */
    @Override
    Conv2dKernel withInputAffine(InputAffine affine) {
        if (!geom.isPointwise() || inputAffine != null) return null;
        requireInputChannels(affine);
        return new VectorGemmConv2dKernel(this, affine);
    }

    @Override
    String describe() {
        return inputAffine == null ? super.describe() : super.describe() + "+inputbn";
    }

    /** [group][row block][k][MR], the rows past a group's end zero. */
    static float[] pack(float[] weight, int groups, int rows, int depth, int blocks) {
        return pack(weight, groups, rows, depth, blocks, VectorGemm.MR);
    }

    /** [group][row block][k][mr]: blocks of {@code mr} rows interleaved by depth, the rows past a group's end zero. */
    static float[] pack(float[] weight, int groups, int rows, int depth, int blocks, int mr) {
        float[] w = new float[groups * blocks * depth * mr];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < rows; j++) {
                int src = (g * rows + j) * depth;
                int dst = (g * blocks + j / mr) * depth * mr + j % mr;
                for (int k = 0; k < depth; k++) w[dst + k * mr] = weight[src + k];
            }
        }
        return w;
    }

    @Override
    void compute(float[] arena, Slice in, Slice out, Parallel par) {
        int batch = in.shape().n();
        if (geom.isPointwise() && geom.groups() == 1 && par.threads() > 1
                && GemmTiles.splitsChannels(geom, batch, TILE, par)) {
            computeSharedPanels(arena, in, out, par);
            return;
        }
        if (taps != null) {
            computeFromTapRows(arena, in, out, par);
            return;
        }
        GemmTiles.forEach(geom, batch, TILE, VectorGemm.MR, par,
                (n, grp, p0, cols, j0, rows) -> tile(arena, in, out, n, grp, p0, cols, j0, rows));
    }

    /**
     * A pointwise conv on a plane of too few tiles to keep the threads busy (DenseNet-121's and
     * HarDNet's 14x14 and 7x7 maps), whose tasks therefore split output channels: each tile's B
     * panel is packed once, in parallel, for the tasks of all its channel blocks, instead of by
     * each of them (every one packing the tile's whole depth), then the GEMM tasks read it.
     */
    private void computeSharedPanels(float[] arena, Slice in, Slice out, Parallel par) {
        int depth = geom.depth();
        int plane = geom.inPlane();
        int tiles = (geom.outPlane() + TILE - 1) / TILE;
        int panelFloats = depth * TILE;
        float[] b = SHARED_PANELS.floats(tiles * panelFloats);
        int kParts = Math.max(1, Math.min(depth, (par.threads() * PACK_TASKS_PER_THREAD + tiles - 1) / tiles));
        for (int n = 0; n < in.shape().n(); n++) {
            int inBase = in.at(n, 0);
            par.forEach(tiles * kParts, t -> {
                int tile = t / kParts;
                int k0 = (int) ((long) (t % kParts) * depth / kParts);
                int k1 = (int) ((long) (t % kParts + 1) * depth / kParts);
                int p0 = tile * TILE;
                int cols = Math.min(TILE, geom.outPlane() - p0);
                int dst = tile * panelFloats + k0 * VectorGemm.NR;
                if (inputAffine == null) {
                    copyToStrips(arena, inBase + k0 * plane + p0, plane, k1 - k0, cols, b, dst, depth);
                } else {
                    affineToStrips(arena, inBase + k0 * plane + p0, plane, k1 - k0, cols, b, dst, depth, inputAffine, k0);
                }
            });
            int item = n;
            GemmTiles.forEach(geom, 1, TILE, VectorGemm.MR, par, (onlyItem, grp, p0, cols, j0, rows) ->
                    multiplyWholeDepth(arena, out.at(item, grp * geom.outPerGroup()) + p0, grp * geom.outPerGroup(), grp,
                            cols, j0, rows, b, p0 / TILE * panelFloats, depth * VectorGemm.NR, VectorGemm.NR));
        }
    }

    /**
     * A stem, one batch item at a time (scratch stays one item's): its input laid out as
     * {@link TapRows} in the calling thread's scratch (shared by all tasks, which that thread does
     * not touch otherwise while this runs), then one task per output row and channel block, reading
     * B from those rows in place.
     */
    private void computeFromTapRows(float[] arena, Slice in, Slice out, Parallel par) {
        float[] rows = Scratch.floats(taps.floatsPerItem());
        int outW = geom.outW();
        for (int n = 0; n < in.shape().n(); n++) {
            int planes = in.at(n, 0);
            par.forEach(taps.paddedRows(), r -> taps.fill(arena, planes, r, rows, 0));
            int outBase = out.at(n, 0);
            GemmTiles.forEach(geom, 1, outW, VectorGemm.MR, par, (item, grp, p0, cols, j0, rowCount) ->
                    multiplyWholeDepth(arena, outBase + p0, 0, 0, cols, j0, rowCount, rows, taps.rowOffset(p0 / outW),
                            VectorGemm.NR, outW));
        }
    }

    /**
     * Output channels [j0, j0+rows) of group grp (j0 a multiple of MR), pixels [p0, p0+cols) of item n.
     */
    private void tile(float[] arena, Slice in, Slice out, int n, int grp, int p0, int cols, int j0, int rows) {
        ConvGeometry g = geom;
        boolean strips = g.isPointwise();
        float[] b = strips ? STRIPS.floats(chunk * TILE) : ROWS.floats(chunk * LD);
        int ldb = strips ? VectorGemm.NR : LD;
        int inBase = in.at(n, grp * g.inPerGroup());
        int oc0 = grp * g.outPerGroup();
        int outBase = out.at(n, oc0) + p0;
        int depth = g.depth();
        for (int k0 = 0; k0 < depth; k0 += DEPTH_CHUNK) {
            int kLen = Math.min(DEPTH_CHUNK, depth - k0);
            packB(arena, inBase, grp * g.inPerGroup(), k0, kLen, p0, cols, b);
            multiplyChunk(arena, outBase, oc0, grp, cols, j0, rows, k0, kLen, b, 0, strips ? kLen * VectorGemm.NR : VectorGemm.NR, ldb);
        }
    }

    /**
     * {@link #multiplyChunk} over the whole depth, on a B already laid out for all of it (a tile's
     * shared panel, or a stem's {@link TapRows}): depth row k of column s0 at
     * {@code b[bBase + s0 / NR * stripFloats + k * ldb + s0 % NR]}.
     */
    private void multiplyWholeDepth(float[] arena, int outBase, int oc0, int grp, int cols, int j0, int rows, float[] b,
                                    int bBase, int stripFloats, int ldb) {
        int depth = geom.depth();
        for (int k0 = 0; k0 < depth; k0 += DEPTH_CHUNK) {
            int kLen = Math.min(DEPTH_CHUNK, depth - k0);
            multiplyChunk(arena, outBase, oc0, grp, cols, j0, rows, k0, kLen, b, bBase + k0 * ldb, stripFloats, ldb);
        }
    }

    /**
     * The products over depth [k0, k0 + kLen) of output channels [j0, j0 + rows) of group grp for a
     * tile's {@code cols} pixels from {@code arena[outBase]} (channel oc0 + j at row j): B's column
     * s0 at {@code b[bBase + s0 / NR * stripFloats + s0 % NR]} with rows ldb apart (strips:
     * stripFloats the floats between strips; im2col rows: NR, the columns side by side).
     */
    private void multiplyChunk(float[] arena, int outBase, int oc0, int grp, int cols, int j0, int rows, int k0,
                               int kLen, float[] b, int bBase, int stripFloats, int ldb) {
        int mr = VectorGemm.MR;
        int nr = VectorGemm.NR;
        int depth = geom.depth();
        int outPlane = geom.outPlane();
        boolean first = k0 == 0;
        boolean last = k0 + kLen == depth;
        for (int s0 = 0; s0 < cols; s0 += nr) {
            int strip = Math.min(nr, cols - s0);
            int bOff = bBase + s0 / nr * stripFloats;
            for (int j = j0; j < j0 + rows; j += mr) {
                int rowsHere = Math.min(mr, j0 + rows - j);
                int wOff = ((grp * blocksPerGroup + j / mr) * depth + k0) * mr;
                int cOff = outBase + j * outPlane + s0;
                if (strip == nr) {
                    VectorGemm.block(packed, wOff, kLen, b, bOff, ldb, arena, cOff, outPlane, rowsHere,
                            first, bias, oc0 + j, last, activation);
                } else {
                    tailBlock(TAIL.floats(VectorGemm.MR * TILE), wOff, kLen, b, bOff, ldb, arena, cOff, outPlane, rowsHere, strip, first,
                            oc0 + j, last);
                }
            }
        }
    }

    /** A block narrower than NR: computed into scratch, so nothing past the output row is touched. */
    private void tailBlock(float[] t, int wOff, int kLen, float[] b, int bOff, int ldb, float[] arena, int cOff, int ldc,
                           int rowsHere, int strip, boolean first, int biasOff, boolean last) {
        int nr = VectorGemm.NR;
        if (!first) {
            for (int r = 0; r < rowsHere; r++) System.arraycopy(arena, cOff + r * ldc, t, r * nr, strip);
        }
        if (strip <= VectorGemm.L) { // one vector: 49 pixels cost 56, not 64
            VectorGemm.narrowBlock(packed, wOff, kLen, b, bOff, ldb, t, 0, nr, rowsHere, first, bias, biasOff, last, activation);
        } else {
            VectorGemm.block(packed, wOff, kLen, b, bOff, ldb, t, 0, nr, rowsHere, first, bias, biasOff, last, activation);
        }
        for (int r = 0; r < rowsHere; r++) System.arraycopy(t, r * nr, arena, cOff + r * ldc, strip);
    }

    /**
     * Rows [k0, k0+kLen) of B (input channels from channel0) for pixels [p0, p0+cols) into the panel
     * {@code b}: plane rows cut into strips for pointwise convs, else im2col rows LD apart.
     */
    private void packB(float[] arena, int inBase, int channel0, int k0, int kLen, int p0, int cols, float[] b) {
        if (geom.isPointwise()) {
            // Packed even though the planes could be read in place: the strips stay in L1 across the
            // row blocks, while plane rows 56 x 56 floats apart fall on too few L1 sets (measured
            // 10-17 % faster on 56 x 56 maps, and no slower elsewhere).
            int src = inBase + k0 * geom.inPlane() + p0;
            if (inputAffine == null) {
                copyToStrips(arena, src, geom.inPlane(), kLen, cols, b, 0, kLen);
            } else {
                affineToStrips(arena, src, geom.inPlane(), kLen, cols, b, 0, kLen, inputAffine, channel0 + k0);
            }
        } else {
            Im2col.fill(geom, arena, inBase, k0, kLen, p0, cols, b, LD);
        }
    }

    /**
     * kLen rows of B, {@code cols} floats each, {@code ld} apart from {@code from[src]}, into the strips:
     * pixel p of row r goes to {@code strips[dst + (p / NR) * stripRows * NR + r * NR + p % NR]} (strips
     * of stripRows rows: kLen, or a whole depth of which these rows are a part). Lanes of a last,
     * partial strip past {@code cols} keep stale values: they are computed and never stored.
     */
    private static void copyToStrips(float[] from, int src, int ld, int kLen, int cols, float[] strips, int dst0,
                                     int stripRows) {
        int nr = VectorGemm.NR;
        int l = VectorGemm.L;
        int full = cols / nr * nr;
        for (int s0 = 0; s0 < full; s0 += nr) {
            int dst = dst0 + s0 * stripRows;
            for (int r = 0, at = src + s0; r < kLen; r++, at += ld, dst += nr) {
                FloatVector.fromArray(VectorGemm.S, from, at).intoArray(strips, dst);
                FloatVector.fromArray(VectorGemm.S, from, at + l).intoArray(strips, dst + l);
            }
        }
        if (full < cols) {
            for (int r = 0; r < kLen; r++) {
                System.arraycopy(from, src + r * ld + full, strips, dst0 + full * stripRows + r * nr, cols - full);
            }
        }
    }

    /**
     * As {@link #copyToStrips}, applying row r's BatchNorm and activation (input channel c0 + r) on the
     * way, in the same order of operations as {@link VectorAffine} (mul, add, clamp).
     */
    private static void affineToStrips(float[] from, int src, int ld, int kLen, int cols, float[] strips, int dst0,
                                       int stripRows, InputAffine affine, int c0) {
        int nr = VectorGemm.NR;
        int l = VectorGemm.L;
        float lo = VectorGemm.lowerBound(affine.activation());
        float hi = VectorGemm.upperBound(affine.activation());
        float[] scale = affine.scale();
        float[] shift = affine.shift();
        int full = cols / nr * nr;
        for (int r = 0; r < kLen; r++) {
            int at = src + r * ld;
            FloatVector s = FloatVector.broadcast(VectorGemm.S, scale[c0 + r]);
            FloatVector t = FloatVector.broadcast(VectorGemm.S, shift[c0 + r]);
            for (int s0 = 0; s0 < full; s0 += nr) {
                int dst = dst0 + s0 * stripRows + r * nr;
                VectorClamp.clamp(FloatVector.fromArray(VectorGemm.S, from, at + s0).mul(s).add(t), lo, hi).intoArray(strips, dst);
                VectorClamp.clamp(FloatVector.fromArray(VectorGemm.S, from, at + s0 + l).mul(s).add(t), lo, hi).intoArray(strips, dst + l);
            }
            if (full < cols) affine.apply(from, at + full, strips, dst0 + full * stripRows + r * nr, cols - full, c0 + r);
        }
    }
}
