package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.backend.ModelParams;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.Node;
import dev.hardnetzoo.core.graph.Op;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns each node of a planned graph into a {@link CpuStep} bound to its arena slices and weights. */
final class CpuStepCompiler {
    private final Graph graph;
    private final MemoryPlan plan;
    private final Map<String, float[]> params;

    CpuStepCompiler(MemoryPlan plan, Map<String, float[]> params) {
        this.graph = plan.graph();
        this.plan = plan;
        this.params = params;
    }

    /** A step, the node it computes and how (the kernel's strategy), for {@link StepProfile} and layer timings. */
    record Compiled(CpuStep step, Node node, String strategy, Shape input) {
        /** "strategy: layer name input -> output". */
        String label() {
            return strategy + ": " + node.name() + " " + input + " -> " + node.shape();
        }
    }

    List<Compiled> compile() {
        List<Compiled> steps = new ArrayList<>();
        List<List<Integer>> consumers = graph.consumers();
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (i + 1 < nodes.size() && fusableBatchNorm(node, nodes.get(i + 1), consumers)) {
                Node reader = nodes.get(++i);
                CpuStep readerStep = compile(reader);
                CpuStep fused = withInputBatchNorm(reader, readerStep, node);
                if (fused == null) add(steps, node, compile(node));
                add(steps, reader, fused == null ? readerStep : fused);
            } else {
                add(steps, node, compile(node));
            }
        }
        return steps;
    }

    private void add(List<Compiled> steps, Node node, CpuStep step) {
        if (step == null) return;
        Shape input = node.inputs().isEmpty() ? null : graph.node(node.inputs().get(0)).shape();
        steps.add(new Compiled(step, node, strategy(node, step), input));
    }

    /**
     * A stand-alone BatchNorm whose only reader is the conv, average pool or global average pool
     * right after it: that step may apply it while reading the BatchNorm's input (the memory
     * planner keeps that input alive until then). Safe only because nothing runs in between, and
     * if the reader does not write over that input.
     */
    private boolean fusableBatchNorm(Node bnNode, Node next, List<List<Integer>> consumers) {
        return bnNode.op() instanceof Op.BatchNorm
                && (next.op() instanceof Op.Conv2d || next.op() instanceof Op.AvgPool || next.op() instanceof Op.GlobalAvgPool)
                && consumers.get(bnNode.id()).equals(List.of(next.id())) && !graph.outputs().contains(bnNode.id())
                && !overlap(plan.slice(bnNode.inputs().get(0)), plan.slice(next.id()));
    }

    /**
     * The BatchNorm's reader as a step that reads the BatchNorm's input and applies it on the way,
     * or null if its kernel cannot.
     */
    private CpuStep withInputBatchNorm(Node reader, CpuStep readerStep, Node bnNode) {
        Op.BatchNorm bn = (Op.BatchNorm) bnNode.op();
        float[][] ss = BatchNormFolding.scaleShift(bn.params(), params);
        InputAffine affine = new InputAffine(ss[0], ss[1], bn.activation());
        Slice in = plan.slice(bnNode.inputs().get(0));
        Slice out = plan.slice(reader.id());
        if (reader.op() instanceof Op.AvgPool pool) {
            if (!PoolKernels.averagesPairs(pool, in, out)) return null;
            return new FusedStep((a, p) -> PoolKernels.avgPoolOfAffine(a, in, out, pool, affine, p), "+inputbn");
        }
        if (reader.op() instanceof Op.GlobalAvgPool) {
            return new FusedStep((a, p) -> PoolKernels.globalAvgPool(a, in, out, affine, p), "+inputbn");
        }
        ConvStep conv = (ConvStep) readerStep;
        Conv2dKernel fused = conv.kernel().withInputAffine(affine);
        return fused == null ? null : new ConvStep(fused, in, conv.out());
    }

    /** Whether two slices' spans in the arena share any element. */
    private static boolean overlap(Slice a, Slice b) {
        return a.offset() < end(b) && b.offset() < end(a);
    }

    private static long end(Slice s) {
        return s.offset() + (long) (s.shape().n() - 1) * s.batchStride() + s.shape().perItem();
    }

    private static String strategy(Node node, CpuStep step) {
        return switch (step) {
            case ConvStep cs -> cs.kernel().describe();
            case FusedStep fs -> node.op().getClass().getSimpleName() + fs.suffix();
            default -> node.op().getClass().getSimpleName();
        };
    }

    /** A conv step keeps its kernel so the profile can say which strategy ran. */
    private record ConvStep(Conv2dKernel kernel, Slice in, Slice out) implements CpuStep {
        @Override
        public void run(float[] arena, Parallel par) {
            kernel.run(arena, in, out, par);
        }
    }

    /** A step that also computes what the step before it would have, named for the profile by {@code suffix}. */
    private record FusedStep(CpuStep step, String suffix) implements CpuStep {
        @Override
        public void run(float[] arena, Parallel par) {
            step.run(arena, par);
        }
    }

    private CpuStep compile(Node node) {
        Slice out = plan.slice(node.id());
        Slice in = node.inputs().isEmpty() ? null : plan.slice(node.inputs().get(0));
        return switch (node.op()) {
            case Op.Input i -> null; // the executable copies the input in
            case Op.Conv2d c -> conv(node, c, in, out);
            case Op.ConvTranspose2d ct -> {
                Shape inShape = graph.node(node.inputs().get(0)).shape();
                ConvTranspose2dKernel kernel = new ConvTranspose2dKernel(ct, inShape, node.shape(), param(ct.weight()),
                        ct.bias() == null ? null : param(ct.bias()));
                yield (a, p) -> kernel.run(a, in, out, p);
            }
            case Op.Crop crop -> (a, p) -> CropKernel.run(a, in, out, crop, p);
            case Op.BatchNorm bn -> {
                float[][] ss = BatchNormFolding.scaleShift(bn.params(), params);
                yield (a, p) -> ElementwiseKernels.channelAffine(a, in, out, ss[0], ss[1], bn.activation(), p);
            }
            case Op.Act act -> (a, p) -> ElementwiseKernels.activation(a, in, out, act.activation(), p);
            case Op.MaxPool mp -> (a, p) -> PoolKernels.maxPool(a, in, out, mp, p);
            case Op.AvgPool ap -> (a, p) -> PoolKernels.avgPool(a, in, out, ap, p);
            case Op.GlobalAvgPool g -> (a, p) -> PoolKernels.globalAvgPool(a, in, out, p);
            case Op.Concat c -> concat(node);
            case Op.Add add -> {
                Slice b = plan.slice(node.inputs().get(1));
                yield (a, p) -> ElementwiseKernels.add(a, in, b, out, add.activation(), p);
            }
            case Op.Resize r -> (a, p) -> ResizeKernel.bilinear(a, in, out, r, p);
            case Op.ResizeNearest r -> (a, p) -> ResizeKernel.nearest(a, in, out, r, p);
            case Op.Linear l -> {
                float[] w = param(l.weight());
                float[] bias = l.bias() == null ? null : param(l.bias());
                yield (a, p) -> LinearKernel.run(a, in, out, w, bias, p);
            }
            case Op.Softmax s -> (a, p) -> SoftmaxKernel.run(a, in, out, s.axis(), p);
            case Op.Flatten f -> flatten(in, out);
            case Op.L2Norm l -> {
                float[] w = param(l.weight());
                yield (a, p) -> L2NormKernel.run(a, in, out, w, l.eps(), p);
            }
            case Op.ChannelsLast c -> (a, p) -> LayoutKernels.channelsLast(a, in, out, p);
            case Op.ConcatAxis c -> {
                Slice[] ins = node.inputs().stream().map(plan::slice).toArray(Slice[]::new);
                yield (a, p) -> LayoutKernels.concatAxis(a, ins, out, c.axis(), p);
            }
        };
    }

    private ConvStep conv(Node node, Op.Conv2d c, Slice in, Slice out) {
        float[] w = param(c.weight());
        float[] b = c.bias() == null ? null : param(c.bias());
        if (c.foldedBn() != null) {
            float[][] ss = BatchNormFolding.scaleShift(c.foldedBn(), params);
            BatchNormFolding.FoldedConv folded = BatchNormFolding.foldIntoConv(w, b, c.outChannels(), ss[0], ss[1]);
            w = folded.weight();
            b = folded.bias();
        }
        Shape inShape = graph.node(node.inputs().get(0)).shape();
        return new ConvStep(Conv2dKernel.create(c, inShape, node.shape(), w, b), in, out);
    }

    /** Copies only the inputs that were not already produced into their slice of this concat. */
    private CpuStep concat(Node node) {
        List<MemoryPlan.Copy> copies = plan.concatCopies(node.id());
        return LayoutKernels.copies(copies.stream().map(MemoryPlan.Copy::from).toArray(Slice[]::new),
                copies.stream().map(MemoryPlan.Copy::to).toArray(Slice[]::new));
    }

    /** A channel range of one batch item is contiguous, so flattening is a copy per item. */
    private static CpuStep flatten(Slice in, Slice out) {
        int perItem = (int) in.shape().perItem();
        return (a, p) -> {
            for (int n = 0; n < in.shape().n(); n++) {
                System.arraycopy(a, in.offset() + n * in.batchStride(), a, out.offset() + n * out.batchStride(), perItem);
            }
        };
    }

    private float[] param(String name) {
        return ModelParams.require(params, name);
    }
}
