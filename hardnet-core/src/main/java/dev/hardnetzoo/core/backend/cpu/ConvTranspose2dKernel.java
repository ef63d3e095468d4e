package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.Arrays;

/**
 * Transposed convolution (PyTorch semantics, float32 NCHW) as a GEMM and a scatter: for one
 * output channel, the kH*kW rows {@code cols[ky, kx][pixel] = sum_ci w[ci, co, ky, kx] * in[ci][pixel]}
 * are computed a pixel tile at a time by {@link PackedGemm}, then added into output pixel
 * (y * stride - pad + ky, x * stride - pad + kx) when it lies inside the output. A task owns one
 * (batch item, output channel) plane, so the overlapping scatters of a stride below the kernel
 * never race.
 */
public final class ConvTranspose2dKernel {
    private static final int TILE = GemmConv2dKernel.TILE;
    private static final int DEPTH_CHUNK = GemmConv2dKernel.DEPTH_CHUNK;

    private final int inC;
    private final int inH;
    private final int inW;
    private final int outC;
    private final int outH;
    private final int outW;
    private final Op.ConvTranspose2d op;
    private final PackedGemm gemm;
    private final float[] bias;
    private final ThreadLocal<Panel> panels;

    /** Per-thread operands: a B panel of input rows and the kH*kW accumulator rows, viewed in GEMM blocks. */
    private record Panel(float[][] b, float[][] acc, float[][][] blocks) {}

    /**
     * @param weight PyTorch layout [inC, outC, kH, kW]
     * @param bias   [outC] or null
     */
    public ConvTranspose2dKernel(Op.ConvTranspose2d op, Shape in, Shape out, float[] weight, float[] bias) {
        if (in.rank() != 4 || out.rank() != 4 || in.n() != out.n() || out.c() != op.outChannels()
                || out.h() != (in.h() - 1) * op.strideH() - 2 * op.padH() + op.kernelH() + op.outputPadH()
                || out.w() != (in.w() - 1) * op.strideW() - 2 * op.padW() + op.kernelW() + op.outputPadW()) {
            throw new IllegalArgumentException("transposed conv output shape " + out + " does not follow from " + in + " and " + op);
        }
        this.op = op;
        inC = in.c();
        inH = in.h();
        inW = in.w();
        outC = out.c();
        outH = out.h();
        outW = out.w();
        int taps = op.kernelH() * op.kernelW();
        if (weight.length != (long) inC * outC * taps) {
            throw new IllegalArgumentException("transposed conv weight has " + weight.length + " values, expected "
                    + (long) inC * outC * taps + " for [" + inC + ", " + outC + ", " + op.kernelH() + ", " + op.kernelW() + "]");
        }
        if (bias != null && bias.length != outC) {
            throw new IllegalArgumentException("transposed conv bias has " + bias.length + " values, expected " + outC);
        }
        // GEMM rows (co, ky, kx), depth ci: one group of kH*kW rows per output channel
        float[] rows = new float[weight.length];
        for (int ci = 0; ci < inC; ci++) {
            for (int co = 0; co < outC; co++) {
                for (int t = 0; t < taps; t++) rows[(co * taps + t) * inC + ci] = weight[(ci * outC + co) * taps + t];
            }
        }
        this.gemm = new PackedGemm(rows, outC, taps, inC);
        this.bias = bias == null ? new float[outC] : bias.clone();
        this.panels = ThreadLocal.withInitial(() -> newPanel(taps));
    }

    private Panel newPanel(int taps) {
        float[][] acc = new float[taps][TILE];
        float[][][] blocks = new float[taps][][];
        for (int j = 0; j < taps; j += gemm.blockRows(j)) blocks[j] = Arrays.copyOfRange(acc, j, j + gemm.blockRows(j));
        return new Panel(new float[Math.min(DEPTH_CHUNK, inC)][TILE], acc, blocks);
    }

    /** Writes {@code out} from {@code in}; both may be channel slices of larger buffers and must not overlap. */
    public void run(float[] arena, Slice in, Slice out, Parallel par) {
        Shape i = in.shape();
        Shape o = out.shape();
        if (i.rank() != 4 || i.c() != inC || i.h() != inH || i.w() != inW
                || o.rank() != 4 || o.c() != outC || o.h() != outH || o.w() != outW || i.n() != o.n()) {
            throw new IllegalArgumentException("transposed conv slices " + i + " -> " + o + " do not match the kernel's ["
                    + inC + ", " + inH + ", " + inW + "] -> [" + outC + ", " + outH + ", " + outW + "]");
        }
        par.forEach(i.n() * outC, t -> plane(arena, in, out, t / outC, t % outC));
    }

    private void plane(float[] arena, Slice in, Slice out, int n, int co) {
        Panel panel = panels.get();
        int taps = op.kernelH() * op.kernelW();
        int inPlane = inH * inW;
        int inBase = in.at(n, 0);
        int outBase = out.at(n, co);
        Arrays.fill(arena, outBase, outBase + outH * outW, bias[co]);
        for (int p0 = 0; p0 < inPlane; p0 += TILE) {
            int cols = Math.min(TILE, inPlane - p0);
            for (int r = 0; r < taps; r++) Arrays.fill(panel.acc()[r], 0, cols, 0f);
            for (int k0 = 0; k0 < inC; k0 += DEPTH_CHUNK) {
                int kLen = Math.min(DEPTH_CHUNK, inC - k0);
                for (int r = 0; r < kLen; r++) System.arraycopy(arena, inBase + (k0 + r) * inPlane + p0, panel.b()[r], 0, cols);
                for (int j = 0; j < taps; j += gemm.blockRows(j)) gemm.accumulate(co, j, k0, kLen, panel.b(), panel.blocks()[j], cols);
            }
            scatter(arena, outBase, panel.acc(), p0, cols);
        }
    }

    /** Adds tap (ky, kx) of input pixels [p0, p0 + cols) into their output pixels. */
    private void scatter(float[] arena, int outBase, float[][] acc, int p0, int cols) {
        for (int ky = 0; ky < op.kernelH(); ky++) {
            for (int kx = 0; kx < op.kernelW(); kx++) {
                float[] tap = acc[ky * op.kernelW() + kx];
                int y = p0 / inW;
                int x = p0 % inW;
                for (int q = 0; q < cols; q++) {
                    int oy = y * op.strideH() - op.padH() + ky;
                    int ox = x * op.strideW() - op.padW() + kx;
                    if (oy >= 0 && oy < outH && ox >= 0 && ox < outW) arena[outBase + oy * outW + ox] += tap[q];
                    if (++x == inW) {
                        x = 0;
                        y++;
                    }
                }
            }
        }
    }
}
