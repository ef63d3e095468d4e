package dev.hardnetzoo.tornado;

import dev.hardnetzoo.core.backend.ModelParams;
import dev.hardnetzoo.core.backend.cpu.BatchNormFolding;
import dev.hardnetzoo.core.backend.cpu.ResizeKernel;
import dev.hardnetzoo.core.backend.cpu.Slice;
import dev.hardnetzoo.core.graph.Activation;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.tornado.DeviceProgram.Kernel;
import dev.hardnetzoo.tornado.DeviceProgram.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a memory-planned graph to {@link DeviceProgram} steps over the plan's arena: the same
 * offsets as the CPU backend, so buffer reuse and concat-in-place carry over unchanged (a concat
 * copies only the inputs that were not produced into their slice). Each step's integers are
 * appended to {@code meta} in the order its kernel in {@link Kernels} documents.
 */
final class StepEncoder {
    private final MemoryPlan plan;
    private final Map<String, float[]> params;
    private final List<Step> steps = new ArrayList<>();
    private final IntList meta = new IntList();
    private final FloatList constants = new FloatList();
    /** Split-K partial sums live past the plan's arena, in one region every split conv reuses (steps run in order). */
    private final int scratchOffset;
    private final int splitKTargetGroups;
    private int scratchFloats;

    private StepEncoder(MemoryPlan plan, Map<String, float[]> params, int splitKTargetGroups) {
        this.plan = plan;
        this.params = params;
        this.scratchOffset = Math.toIntExact(plan.arenaFloats());
        this.splitKTargetGroups = splitKTargetGroups;
    }

    /** The plan's steps; dense convolutions with fewer tiles than {@code splitKTargetGroups} split their reduction ({@link SplitK}). */
    static DeviceProgram encode(MemoryPlan plan, Map<String, float[]> params, int splitKTargetGroups) {
        return new StepEncoder(plan, params, splitKTargetGroups).encode();
    }

    private DeviceProgram encode() {
        var graph = plan.graph();
        Slice input = plan.slice(0);
        Slice denseInput = Slice.dense(0, input.shape());
        transfer(Kernel.COPY_IN, denseInput, input, graph.input().name());
        for (Node node : graph.nodes()) encode(node);
        List<Shape> shapes = new ArrayList<>();
        int[] offsets = new int[graph.outputs().size()];
        int next = 0;
        for (int i = 0; i < offsets.length; i++) {
            Node out = graph.node(graph.outputs().get(i));
            offsets[i] = next;
            shapes.add(out.shape());
            transfer(Kernel.COPY_OUT, plan.slice(out.id()), Slice.dense(next, out.shape()), out.name());
            next = Math.addExact(next, Math.toIntExact(out.shape().size()));
        }
        if (constants.size == 0) constants.add(0f); // a device buffer may not be empty
        return new DeviceProgram(plan, List.copyOf(steps), meta.toArray(), constants.toArray(), shapes, offsets, next,
                Math.addExact(scratchOffset, scratchFloats));
    }

    private void encode(Node node) {
        Slice out = plan.slice(node.id());
        Slice in = node.inputs().isEmpty() ? null : plan.slice(node.inputs().get(0));
        switch (node.op()) {
            case Op.Input i -> { } // COPY_IN already wrote it
            case Op.Conv2d c -> conv(node, c, in, out);
            case Op.ConvTranspose2d ct -> convTranspose(node, ct, in, out);
            case Op.Crop crop -> {
                Shape s = in.shape();
                Shape o = out.shape();
                step(Kernel.CROP, node, Math.toIntExact(o.size()), s.c(), s.h(), s.w(), in.offset(), in.batchStride(),
                        o.h(), o.w(), out.offset(), out.batchStride(), crop.top(), crop.left());
            }
            case Op.L2Norm l -> {
                Shape s = in.shape();
                int wOff = constants.add(param(l.weight()));
                int epsOff = constants.add(l.eps());
                step(Kernel.L2_NORM, node, s.n() * in.plane(), s.c(), in.plane(), in.offset(), in.batchStride(),
                        out.offset(), out.batchStride(), wOff, epsOff);
            }
            case Op.ChannelsLast cl -> {
                Shape s = in.shape();
                step(Kernel.CHANNELS_LAST, node, Math.toIntExact(s.size()), s.c(), in.plane(), in.offset(), in.batchStride(),
                        out.offset(), out.batchStride());
            }
            case Op.ConcatAxis ca -> concatAxis(node, ca.axis(), out);
            case Op.BatchNorm bn -> {
                float[][] ss = BatchNormFolding.scaleShift(bn.params(), params);
                affine(node, in, out, constants.add(ss[0]), constants.add(ss[1]), bn.activation());
            }
            case Op.Act act -> {
                int c = in.shape().c();
                float[] ones = new float[c];
                Arrays.fill(ones, 1f);
                affine(node, in, out, constants.add(ones), constants.add(new float[c]), act.activation());
            }
            case Op.MaxPool p -> pool(node, in, out, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.padH(), p.padW(), Kernels.MAX_POOL);
            case Op.AvgPool p -> pool(node, in, out, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.padH(), p.padW(), p.countIncludePad() ? Kernels.AVG_POOL_WITH_PAD : Kernels.AVG_POOL_NO_PAD);
            case Op.GlobalAvgPool g -> {
                Shape s = in.shape();
                step(Kernel.GLOBAL_AVG_POOL, node, s.n() * s.c(), s.c(), in.plane(), in.offset(), in.batchStride(),
                        out.offset(), out.batchStride());
            }
            case Op.Concat c -> concat(node, out);
            case Op.Add add -> {
                Slice b = plan.slice(node.inputs().get(1));
                int perItem = (int) out.shape().perItem();
                step(Kernel.ADD, node, out.shape().n() * perItem, perItem, in.offset(), in.batchStride(),
                        b.offset(), b.batchStride(), out.offset(), out.batchStride(), activation(add.activation(), node));
            }
            case Op.Resize r -> resize(node, r, in, out);
            case Op.ResizeNearest r -> resizeNearest(node, r, in, out);
            case Op.Linear l -> linear(node, l, in, out);
            case Op.Softmax s -> softmax(node, s, in, out);
            case Op.Flatten f -> copy(node.name(), List.<Slice[]>of(new Slice[] {in, out}));
            default -> throw new UnsupportedOperationException("the tornado backend has no kernel for "
                    + node.op().getClass().getSimpleName() + " (node '" + node.name() + "'); run this model with --backend cpu");
        }
    }

    private void conv(Node node, Op.Conv2d c, Slice in, Slice out) {
        float[] w = param(c.weight());
        float[] b = c.bias() == null ? new float[c.outChannels()] : param(c.bias());
        if (c.foldedBn() != null) {
            float[][] ss = BatchNormFolding.scaleShift(c.foldedBn(), params);
            BatchNormFolding.FoldedConv folded = BatchNormFolding.foldIntoConv(w, b, c.outChannels(), ss[0], ss[1]);
            w = folded.weight();
            b = folded.bias();
        }
        Shape s = in.shape();
        Shape o = out.shape();
        int bOff = constants.add(b);
        int act = activation(c.activation(), node);
        if (c.groups() == 1) {
            int taps = c.kernelH() * c.kernelW();
            int wOff = constants.add(tapMajor(w, o.c(), s.c(), taps));
            int cols = Math.multiplyExact(o.n(), out.plane());
            int tiles = ceilDiv(o.c(), Kernels.TILE_M) * ceilDiv(cols, Kernels.TILE_N);
            int splits = SplitK.splits(tiles, taps * ceilDiv(s.c(), Kernels.TILE_K), splitKTargetGroups);
            int[] fields = {s.c(), s.h(), s.w(), in.offset(), in.batchStride(), o.c(), o.h(), o.w(), out.offset(),
                    out.batchStride(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padH(), c.padW(),
                    c.dilationH(), c.dilationW(), o.n(), wOff, bOff, act, splits, scratchOffset};
            step(Kernel.TILED_CONV, node, Math.multiplyExact(Math.multiplyExact(tiles, splits), Kernels.WORK_GROUP), fields);
            if (splits > 1) {
                scratchFloats = Math.max(scratchFloats, Math.multiplyExact(Math.multiplyExact(splits, o.c()), cols));
                step(Kernel.SPLIT_K_SUM, node, Math.multiplyExact(o.c(), cols), fields);
            }
            return;
        }
        int wOff = constants.add(w);
        Optional<DepthwiseTile> tile = s.c() == c.groups()
                ? DepthwiseTile.choose(o.h(), o.w(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.dilationH(), c.dilationW())
                : Optional.empty();
        if (tile.isPresent()) { // channel-wise (depthwise, with or without a multiplier): tiled through local memory
            DepthwiseTile t = tile.get();
            long tiles = (long) o.n() * o.c() * ceilDiv(o.h(), t.height()) * ceilDiv(o.w(), t.width());
            step(Kernel.TILED_DEPTHWISE, node, Math.toIntExact(tiles * Kernels.WORK_GROUP), s.c(), s.h(), s.w(), in.offset(),
                    in.batchStride(), o.c(), o.h(), o.w(), out.offset(), out.batchStride(), c.kernelH(), c.kernelW(),
                    c.strideH(), c.strideW(), c.padH(), c.padW(), c.dilationH(), c.dilationW(), t.width(), t.rows(),
                    wOff, bOff, act);
        } else { // other grouped convs, and channel-wise ones whose patch or taps exceed the local arrays: one work-item per output
            step(Kernel.CONV2D, node, Math.toIntExact(o.size()), s.c(), s.h(), s.w(), in.offset(), in.batchStride(),
                    o.c(), o.h(), o.w(), out.offset(), out.batchStride(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                    c.padH(), c.padW(), c.dilationH(), c.dilationW(), c.groups(), wOff, bOff, act);
        }
    }

    /** Conv weights [K][C][taps] as [K][taps][C], the order {@link Kernels#tiledConv} reads them in. */
    static float[] tapMajor(float[] w, int outC, int inC, int taps) {
        float[] out = new float[w.length];
        for (int k = 0; k < outC; k++) {
            for (int c = 0; c < inC; c++) {
                for (int t = 0; t < taps; t++) out[(k * taps + t) * inC + c] = w[(k * inC + c) * taps + t];
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void convTranspose(Node node, Op.ConvTranspose2d c, Slice in, Slice out) {
        Shape s = in.shape();
        Shape o = out.shape();
        int wOff = constants.add(param(c.weight()));
        int bOff = constants.add(c.bias() == null ? new float[c.outChannels()] : param(c.bias()));
        step(Kernel.CONV_TRANSPOSE, node, Math.toIntExact(o.size()), s.c(), s.h(), s.w(), in.offset(), in.batchStride(),
                o.c(), o.h(), o.w(), out.offset(), out.batchStride(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                c.padH(), c.padW(), wOff, bOff);
    }

    /** torch.cat along {@code axis} of dense tensors: one block copy per input. */
    private void concatAxis(Node node, int axis, Slice out) {
        Shape o = out.shape();
        int inner = 1;
        for (int d = axis + 1; d < o.rank(); d++) inner *= o.dim(d);
        int outer = 1;
        for (int d = 1; d < axis; d++) outer *= o.dim(d);
        int outBlock = o.dim(axis) * inner;
        int start = 0;
        for (int input : node.inputs()) {
            Slice src = plan.slice(input);
            int block = src.shape().dim(axis) * inner;
            step(Kernel.BLOCK_COPY, node, o.n() * outer * block, outer, block, src.offset(), src.batchStride(),
                    out.offset(), out.batchStride(), outBlock, start);
            start += block;
        }
        if (start != outBlock) throw new IllegalArgumentException("concat along axis " + axis + " does not fill " + o + " in " + node.name());
    }

    private void affine(Node node, Slice in, Slice out, int scaleOff, int shiftOff, Activation act) {
        Shape s = in.shape();
        step(Kernel.CHANNEL_AFFINE, node, Math.toIntExact(s.size()), s.c(), in.plane(), in.offset(), in.batchStride(),
                out.offset(), out.batchStride(), scaleOff, shiftOff, activation(act, node));
    }

    private void pool(Node node, Slice in, Slice out, int kH, int kW, int sH, int sW, int pH, int pW, int mode) {
        Shape s = in.shape();
        Shape o = out.shape();
        step(Kernel.POOL, node, Math.toIntExact(o.size()), s.c(), s.h(), s.w(), in.offset(), in.batchStride(),
                o.h(), o.w(), out.offset(), out.batchStride(), kH, kW, sH, sW, pH, pW, mode);
    }

    /** Copies only the inputs that were not already produced into their slice of this concat. */
    private void concat(Node node, Slice out) {
        List<Slice[]> copies = new ArrayList<>();
        int channel = 0;
        for (int input : node.inputs()) {
            Slice src = plan.slice(input);
            Slice dst = new Slice(out.offset() + channel * out.plane(), out.batchStride(), src.shape());
            if (!src.equals(dst)) copies.add(new Slice[] {src, dst});
            channel += src.shape().c();
        }
        copy(node.name(), copies);
    }

    /**
     * One {@link Kernels#copy} step for all of these (source, destination) pairs: on a GPU each
     * launch costs more than a small copy (HarDNet-68 copies 55 inputs in 30 concats).
     */
    private void copy(String node, List<Slice[]> pairs) {
        int[] fields = new int[1 + pairs.size() * Kernels.SEGMENT_FIELDS];
        fields[0] = pairs.size();
        int total = 0;
        for (int p = 0; p < pairs.size(); p++) {
            Slice src = pairs.get(p)[0];
            Slice dst = pairs.get(p)[1];
            int perItem = (int) src.shape().perItem();
            int[] segment = {total, perItem, src.offset(), src.batchStride(), dst.offset(), dst.batchStride()};
            System.arraycopy(segment, 0, fields, 1 + p * Kernels.SEGMENT_FIELDS, Kernels.SEGMENT_FIELDS);
            total = Math.addExact(total, Math.multiplyExact(src.shape().n(), perItem));
        }
        addStep(Kernel.COPY, node, total, fields);
    }

    private void resize(Node node, Op.Resize r, Slice in, Slice out) {
        Shape s = in.shape();
        Shape o = out.shape();
        int scales = constants.add(new float[] {
            ResizeKernel.scale(s.h(), o.h(), r.alignCorners(), r.scaleH()),
            ResizeKernel.scale(s.w(), o.w(), r.alignCorners(), r.scaleW())});
        step(Kernel.RESIZE, node, Math.toIntExact(o.size()), s.c(), s.h(), s.w(), in.offset(), in.batchStride(),
                o.h(), o.w(), out.offset(), out.batchStride(), r.alignCorners() ? 1 : 0, scales);
    }

    private void resizeNearest(Node node, Op.ResizeNearest r, Slice in, Slice out) {
        Shape s = in.shape();
        Shape o = out.shape();
        int[] fields = new int[9 + o.h() + o.w()];
        int[] head = {s.c(), s.h(), s.w(), in.offset(), in.batchStride(), o.h(), o.w(), out.offset(), out.batchStride()};
        System.arraycopy(head, 0, fields, 0, head.length);
        for (int y = 0; y < o.h(); y++) fields[9 + y] = ResizeKernel.nearestSource(y, s.h(), o.h(), r.scaleH());
        for (int x = 0; x < o.w(); x++) fields[9 + o.h() + x] = ResizeKernel.nearestSource(x, s.w(), o.w(), r.scaleW());
        step(Kernel.RESIZE_NEAREST, node, Math.toIntExact(o.size()), fields);
    }

    private void linear(Node node, Op.Linear l, Slice in, Slice out) {
        int features = in.shape().dim(1);
        int wOff = constants.add(param(l.weight()));
        int bOff = constants.add(l.bias() == null ? new float[l.outFeatures()] : param(l.bias()));
        step(Kernel.LINEAR, node, in.shape().n() * l.outFeatures(), features, l.outFeatures(), in.offset(), in.batchStride(),
                out.offset(), out.batchStride(), wOff, bOff);
    }

    private void softmax(Node node, Op.Softmax sm, Slice in, Slice out) {
        Shape s = in.shape();
        int axis = sm.axis();
        if (axis < 1 || axis >= s.rank()) throw new IllegalArgumentException("softmax axis " + axis + " of " + s + " in " + node.name());
        int len = s.dim(axis);
        int inner = 1;
        for (int d = axis + 1; d < s.rank(); d++) inner *= s.dim(d);
        int outer = (int) (s.perItem() / ((long) len * inner));
        step(Kernel.SOFTMAX, node, s.n() * outer * inner, len, inner, outer, in.offset(), in.batchStride(),
                out.offset(), out.batchStride());
    }

    /** The input into the arena, or an output out of it ({@link Kernels#copyIn}, {@link Kernels#copyOut}). */
    private void transfer(Kernel kernel, Slice src, Slice dst, String node) {
        int perItem = (int) src.shape().perItem();
        int total = src.shape().n() * perItem;
        addStep(kernel, node, total, perItem, src.offset(), src.batchStride(), dst.offset(), dst.batchStride());
    }

    private void step(Kernel kernel, Node node, int total, int... fields) {
        addStep(kernel, node.name(), total, fields);
    }

    private void addStep(Kernel kernel, String node, int total, int... fields) {
        if (total <= 0) return; // nothing to compute (empty tensor)
        steps.add(new Step(kernel, meta.size, 1 + fields.length, total, node));
        meta.add(total);
        for (int f : fields) meta.add(f);
    }

    private static int activation(Activation act, Node node) {
        return switch (act) {
            case NONE -> Kernels.NO_ACT;
            case RELU -> Kernels.RELU;
            case RELU6 -> Kernels.RELU6;
            default -> throw new UnsupportedOperationException("the tornado backend has no kernel for activation "
                    + act + " (node '" + node.name() + "'); run this model with --backend cpu");
        };
    }

    private float[] param(String name) {
        return ModelParams.require(params, name);
    }

    /** A growable int array (the step descriptions). */
    private static final class IntList {
        int[] data = new int[256];
        int size;

        void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        int[] toArray() { return Arrays.copyOf(data, size); }
    }

    /** A growable float array (the constants); {@link #add} returns where the block starts. */
    private static final class FloatList {
        float[] data = new float[1024];
        int size;

        int add(float... values) {
            if (size + values.length > data.length) {
                data = Arrays.copyOf(data, Math.max(Math.addExact(size, values.length), data.length * 2));
            }
            System.arraycopy(values, 0, data, size, values.length);
            int at = size;
            size += values.length;
            return at;
        }

        float[] toArray() { return Arrays.copyOf(data, size); }
    }
}
