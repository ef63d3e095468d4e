package dev.hardnetzoo.core.graph;

import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a {@link Graph} the way the reference PyTorch code builds its modules: nested named
 * scopes make every parameter's name its official state_dict key. Shapes are inferred as each
 * node is added, and an impossible shape fails at once with the layer's name.
 */
public final class GraphBuilder {

    /** A tensor produced by a node; what builder methods take and return. */
    public record Value(int id, Shape shape) {
        public int channels() { return shape.c(); }
        public int height() { return shape.h(); }
        public int width() { return shape.w(); }
    }

    /** Closes the scope it opened. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final Map<String, ParamSpec> params = new LinkedHashMap<>();
    private final Set<String> optional = new LinkedHashSet<>();
    private final Deque<String> scopes = new ArrayDeque<>();
    private final Value input;

    public GraphBuilder(Shape inputShape) {
        if (inputShape.rank() != 4) {
            throw new IllegalArgumentException("model input must be NCHW, got " + inputShape);
        }
        if (inputShape.n() < 1 || inputShape.c() < 1 || inputShape.h() < 1 || inputShape.w() < 1) {
            throw new IllegalArgumentException("model input shape " + inputShape + " has an empty dimension");
        }
        input = add("input", new Op.Input(), List.of(), inputShape);
    }

    public Value input() { return input; }

    /** Opens a named scope (may be dotted, e.g. "base.3"); names created inside are prefixed by it. */
    public Scope scope(String name) {
        scopes.addLast(name);
        int depth = scopes.size();
        return () -> {
            if (scopes.size() != depth) throw new IllegalStateException("scopes closed out of order");
            scopes.removeLast();
        };
    }

    /** Builds {@code body} inside scope {@code name} and returns what it built. */
    public Value inScope(String name, Supplier<Value> body) {
        try (Scope s = scope(name)) {
            return body.get();
        }
    }

    /** Builds {@code body} as module {@code index} of the enclosing {@code nn.Sequential}. */
    public Value inScope(int index, Supplier<Value> body) {
        return inScope(Integer.toString(index), body);
    }

    /** The full dotted name of {@code local} in the current scope. */
    public String path(String local) {
        if (scopes.isEmpty()) return local;
        String prefix = String.join(".", scopes);
        return local.isEmpty() ? prefix : prefix + "." + local;
    }

    /**
     * Registers a tensor the weights file must hold, named {@code local} under the current scope;
     * returns its full name. {@code trainable} false (BatchNorm's running mean and variance) keeps
     * it out of the parameter count, as PyTorch's {@code parameters()} does.
     */
    public String param(String local, Shape shape, boolean trainable) {
        String name = path(local);
        if (params.containsKey(name)) throw new IllegalStateException("parameter " + name + " registered twice");
        params.put(name, new ParamSpec(name, shape, trainable));
        return name;
    }

    /**
     * Names a tensor that a weights file may hold and the model ignores (e.g. a loss's class
     * weights saved along with an official checkpoint); returns its full name.
     */
    public String ignoredTensor(String local) {
        String name = path(local);
        if (params.containsKey(name)) throw new IllegalStateException(name + " is a parameter, it cannot be ignored");
        optional.add(name);
        return name;
    }

    /** Square-kernel convolution as {@code nn.Conv2d(in, out, k, stride, padding, dilation, groups, bias)}. */
    public Value conv2d(String name, Value x, int outChannels, int kernel, int stride, int padding,
                        int dilation, int groups, boolean bias) {
        return conv2d(name, x, outChannels, kernel, kernel, stride, stride, padding, padding,
                dilation, dilation, groups, bias);
    }

    public Value conv2d(String name, Value x, int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                        int padH, int padW, int dilationH, int dilationW, int groups, boolean bias) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        if (groups < 1 || in.c() % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(layer + ": " + in.c() + " input and " + outChannels
                    + " output channels are not divisible by groups=" + groups);
        }
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1
                || padH < 0 || padW < 0) {
            throw new IllegalArgumentException(layer + ": invalid kernel/stride/padding/dilation");
        }
        int oh = convOut(layer, "height", in.h(), kernelH, strideH, padH, dilationH);
        int ow = convOut(layer, "width", in.w(), kernelW, strideW, padW, dilationW);
        String w;
        String b = null;
        try (Scope s = scope(name)) {
            w = param("weight", Shape.of(outChannels, in.c() / groups, kernelH, kernelW), true);
            if (bias) b = param("bias", Shape.of(outChannels), true);
        }
        Op.Conv2d op = new Op.Conv2d(outChannels, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups, w, b, null, Activation.NONE);
        return add(layer, op, List.of(x.id()), Shape.nchw(in.n(), outChannels, oh, ow));
    }

    /**
     * {@code nn.ConvTranspose2d(in, out, kernel, stride, padding, output_padding, bias=bias)}
     * with groups 1 and dilation 1.
     */
    public Value convTranspose2d(String name, Value x, int outChannels, int kernel, int stride, int padding,
                                 int outputPadding, boolean bias) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        if (outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException(layer + ": invalid transposed conv (out " + outChannels + ", kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ", output padding " + outputPadding
                    + "; output padding must be below the stride)");
        }
        int oh = (in.h() - 1) * stride - 2 * padding + kernel + outputPadding;
        int ow = (in.w() - 1) * stride - 2 * padding + kernel + outputPadding;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(layer + ": padding " + padding + " leaves no output for input " + in);
        }
        String w;
        String b = null;
        try (Scope s = scope(name)) {
            w = param("weight", Shape.of(in.c(), outChannels, kernel, kernel), true);
            if (bias) b = param("bias", Shape.of(outChannels), true);
        }
        Op.ConvTranspose2d op = new Op.ConvTranspose2d(outChannels, kernel, kernel, stride, stride, padding, padding,
                outputPadding, outputPadding, w, b);
        return add(layer, op, List.of(x.id()), Shape.nchw(in.n(), outChannels, oh, ow));
    }

    /** {@code x[:, :, top:top + height, left:left + width]}; the window must lie inside the input. */
    public Value crop(String name, Value x, int top, int left, int height, int width) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > in.h() || left + width > in.w()) {
            throw new IllegalArgumentException(layer + ": crop of " + height + "x" + width + " at (" + top + ", " + left
                    + ") does not fit in " + in.h() + "x" + in.w());
        }
        return add(layer, new Op.Crop(top, left), List.of(x.id()), Shape.nchw(in.n(), in.c(), height, width));
    }

    /** {@code nn.BatchNorm2d(C)} in eval mode, eps 1e-5. */
    public Value batchNorm(String name, Value x) {
        return batchNorm(name, x, 1e-5f);
    }

    public Value batchNorm(String name, Value x, float eps) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        BatchNormParams p;
        try (Scope s = scope(name)) {
            Shape c = Shape.of(in.c());
            param("weight", c, true);
            param("bias", c, true);
            param("running_mean", c, false);
            param("running_var", c, false);
            optional.add(path("num_batches_tracked"));
            p = BatchNormParams.under(layer, eps);
        }
        return add(layer, new Op.BatchNorm(p, Activation.NONE), List.of(x.id()), in);
    }

    public Value relu(String name, Value x) {
        return add(path(name), new Op.Act(Activation.RELU), List.of(x.id()), x.shape());
    }

    public Value relu6(String name, Value x) {
        return add(path(name), new Op.Act(Activation.RELU6), List.of(x.id()), x.shape());
    }

    public Value maxPool(String name, Value x, int kernel, int stride, int padding, boolean ceilMode) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        checkPoolPadding(layer, kernel, padding);
        int oh = poolOut(layer, "height", in.h(), kernel, stride, padding, ceilMode);
        int ow = poolOut(layer, "width", in.w(), kernel, stride, padding, ceilMode);
        return add(layer, new Op.MaxPool(kernel, kernel, stride, stride, padding, padding, ceilMode),
                List.of(x.id()), Shape.nchw(in.n(), in.c(), oh, ow));
    }

    public Value avgPool(String name, Value x, int kernel, int stride, int padding, boolean ceilMode,
                         boolean countIncludePad) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        checkPoolPadding(layer, kernel, padding);
        int oh = poolOut(layer, "height", in.h(), kernel, stride, padding, ceilMode);
        int ow = poolOut(layer, "width", in.w(), kernel, stride, padding, ceilMode);
        return add(layer, new Op.AvgPool(kernel, kernel, stride, stride, padding, padding, ceilMode, countIncludePad),
                List.of(x.id()), Shape.nchw(in.n(), in.c(), oh, ow));
    }

    public Value globalAvgPool(String name, Value x) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        return add(layer, new Op.GlobalAvgPool(), List.of(x.id()), Shape.nchw(in.n(), in.c(), 1, 1));
    }

    /** Channel concatenation, {@code torch.cat(values, 1)}. */
    public Value concat(String name, List<Value> values) {
        String layer = path(name);
        if (values.isEmpty()) throw new IllegalArgumentException(layer + ": concat of nothing");
        Shape first = requireNchw(layer, values.get(0));
        int channels = 0;
        List<Integer> ids = new ArrayList<>();
        for (Value v : values) {
            Shape s = requireNchw(layer, v);
            if (s.n() != first.n() || s.h() != first.h() || s.w() != first.w()) {
                throw new IllegalArgumentException(layer + ": cannot concat " + s + " with " + first
                        + " (batch and spatial sizes differ)");
            }
            channels += s.c();
            ids.add(v.id());
        }
        return add(layer, new Op.Concat(), ids, Shape.nchw(first.n(), channels, first.h(), first.w()));
    }

    public Value add(String name, Value a, Value b) {
        String layer = path(name);
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(layer + ": cannot add " + a.shape() + " and " + b.shape());
        }
        return add(layer, new Op.Add(Activation.NONE), List.of(a.id(), b.id()), a.shape());
    }

    /** Bilinear resize to a size, {@code F.interpolate(x, size=(h, w), mode="bilinear", align_corners=...)}. */
    public Value resize(String name, Value x, int outH, int outW, boolean alignCorners) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        if (outH < 1 || outW < 1) throw new IllegalArgumentException(layer + ": resize to " + outH + "x" + outW);
        return add(layer, new Op.Resize(outH, outW, alignCorners, 0, 0), List.of(x.id()),
                Shape.nchw(in.n(), in.c(), outH, outW));
    }

    /** Bilinear resize by a scale factor, {@code F.interpolate(x, scale_factor=s, mode="bilinear", ...)}. */
    public Value resizeByScale(String name, Value x, double scale, boolean alignCorners) {
        String layer = path(name);
        Shape out = scaled(layer, x, scale);
        return add(layer, new Op.Resize(out.h(), out.w(), alignCorners, scale, scale), List.of(x.id()), out);
    }

    /** Nearest-neighbour upsampling by a scale factor, {@code nn.Upsample(scale_factor=s, mode="nearest")}. */
    public Value resizeNearestByScale(String name, Value x, double scale) {
        String layer = path(name);
        Shape out = scaled(layer, x, scale);
        return add(layer, new Op.ResizeNearest(out.h(), out.w(), scale, scale), List.of(x.id()), out);
    }

    /** The output of {@code F.interpolate(x, scale_factor=scale)}: each side floor(side * scale). */
    private Shape scaled(String layer, Value x, double scale) {
        Shape in = requireNchw(layer, x);
        int oh = (int) Math.floor(in.h() * scale);
        int ow = (int) Math.floor(in.w() * scale);
        if (!(scale > 0) || oh < 1 || ow < 1) {
            throw new IllegalArgumentException(layer + ": scale " + scale + " gives an empty output");
        }
        return Shape.nchw(in.n(), in.c(), oh, ow);
    }

    /** {@code nn.Linear(in, out, bias)} on [N, in]. */
    public Value linear(String name, Value x, int outFeatures, boolean bias) {
        String layer = path(name);
        if (x.shape().rank() != 2) {
            throw new IllegalArgumentException(layer + ": linear needs [N, features], got " + x.shape());
        }
        int in = x.shape().c();
        String w;
        String b = null;
        try (Scope s = scope(name)) {
            w = param("weight", Shape.of(outFeatures, in), true);
            if (bias) b = param("bias", Shape.of(outFeatures), true);
        }
        return add(layer, new Op.Linear(outFeatures, w, b), List.of(x.id()), Shape.of(x.shape().n(), outFeatures));
    }

    public Value softmax(String name, Value x, int axis) {
        String layer = path(name);
        if (axis < 1 || axis >= x.shape().rank()) {
            throw new IllegalArgumentException(layer + ": softmax axis " + axis + " for shape " + x.shape());
        }
        return add(layer, new Op.Softmax(axis), List.of(x.id()), x.shape());
    }

    public Value flatten(String name, Value x) {
        String layer = path(name);
        Shape s = x.shape();
        return add(layer, new Op.Flatten(), List.of(x.id()), Shape.of(s.n(), (int) s.perItem()));
    }

    /** SSD's {@code L2Norm(C, scale)} module: parameter {@code <name>.weight} of [C]. */
    public Value l2Norm(String name, Value x, float eps) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        String w;
        try (Scope s = scope(name)) {
            w = param("weight", Shape.of(in.c()), true);
        }
        return add(layer, new Op.L2Norm(w, eps), List.of(x.id()), in);
    }

    /** {@code x.permute(0, 2, 3, 1).contiguous().view(N, -1, rowLength)}. */
    public Value channelsLast(String name, Value x, int rowLength) {
        String layer = path(name);
        Shape in = requireNchw(layer, x);
        if (rowLength < 1 || in.c() % rowLength != 0) {
            throw new IllegalArgumentException(layer + ": " + in.c() + " channels do not split into rows of " + rowLength);
        }
        int rows = Math.toIntExact((long) in.h() * in.w() * (in.c() / rowLength));
        return add(layer, new Op.ChannelsLast(rowLength), List.of(x.id()), Shape.of(in.n(), rows, rowLength));
    }

    /** {@code torch.cat(values, axis)} for tensors of any one rank. */
    public Value concatAxis(String name, List<Value> values, int axis) {
        String layer = path(name);
        if (values.isEmpty()) throw new IllegalArgumentException(layer + ": concat of nothing");
        int[] dims = values.get(0).shape().dims();
        if (axis < 1 || axis >= dims.length) {
            throw new IllegalArgumentException(layer + ": concat axis " + axis + " for shape " + values.get(0).shape());
        }
        int total = 0;
        List<Integer> ids = new ArrayList<>();
        for (Value v : values) {
            int[] d = v.shape().dims();
            boolean compatible = d.length == dims.length;
            for (int i = 0; compatible && i < d.length; i++) compatible = i == axis || d[i] == dims[i];
            if (!compatible) {
                throw new IllegalArgumentException(layer + ": cannot concat " + v.shape() + " with "
                        + values.get(0).shape() + " along axis " + axis);
            }
            total = Math.addExact(total, d[axis]);
            ids.add(v.id());
        }
        dims[axis] = total;
        return add(layer, new Op.ConcatAxis(axis), ids, Shape.of(dims));
    }

    /**
     * Adds a node of any op, for ops this builder has no helper for. Unlike the helpers, it takes
     * {@code name} as given (not under the current scope) and checks neither the inputs nor
     * {@code shape}: the caller infers the shape and is responsible for it.
     */
    public Value add(String name, Op op, List<Integer> inputs, Shape shape) {
        Node node = new Node(nodes.size(), name, op, inputs, shape);
        nodes.add(node);
        return new Value(node.id(), shape);
    }

    public GraphBuilder output(Value... values) {
        for (Value v : values) outputs.add(v.id());
        return this;
    }

    public Graph build() {
        if (outputs.isEmpty()) throw new IllegalStateException("graph has no outputs");
        return new Graph(nodes, outputs, params, optional);
    }

    private static Shape requireNchw(String layer, Value x) {
        if (x.shape().rank() != 4) throw new IllegalArgumentException(layer + ": needs an NCHW input, got " + x.shape());
        return x.shape();
    }

    private static int convOut(String layer, String axis, int in, int k, int s, int p, int d) {
        int out = Math.floorDiv(in + 2 * p - d * (k - 1) - 1, s) + 1;
        if (out < 1) {
            throw new IllegalArgumentException(layer + ": input " + axis + " " + in
                    + " is too small for kernel " + k + " (dilation " + d + ", padding " + p + ")");
        }
        return out;
    }

    private static void checkPoolPadding(String layer, int kernel, int padding) {
        if (padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException(layer + ": pool padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    /** PyTorch's pooling_output_shape: in ceil mode the last window must start inside the input or left padding. */
    public static int poolOutputSize(int in, int k, int s, int p, boolean ceilMode) {
        int out = Math.floorDiv(in + 2 * p - (k - 1) - 1 + (ceilMode ? s - 1 : 0), s) + 1;
        if (ceilMode && (long) (out - 1) * s >= in + p) out--;
        return out;
    }

    private static int poolOut(String layer, String axis, int in, int k, int s, int p, boolean ceil) {
        int out = poolOutputSize(in, k, s, p, ceil);
        if (out < 1) {
            throw new IllegalArgumentException(layer + ": input " + axis + " " + in + " is too small for pool kernel " + k);
        }
        return out;
    }
}
