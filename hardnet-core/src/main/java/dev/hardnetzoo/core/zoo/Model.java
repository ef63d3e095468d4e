package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.passes.Passes;
import dev.hardnetzoo.core.plan.ActivationMemoryException;
import dev.hardnetzoo.core.plan.CostReport;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import dev.hardnetzoo.core.tensor.MemoryLimit;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.ModelWeights;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.weights.Weights;
import dev.hardnetzoo.core.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zoo model with its weights, ready to run on one backend. Compiles lazily for each input
 * shape it sees (a few shapes are kept). Thread-safe. Close it to release threads and buffers.
 *
 * <pre>{@code
 * try (Model model = ModelZoo.load("hardnet68", Path.of("hardnet68.safetensors"))) {
 *     Tensor logits = model.run(input);
 * }
 * }</pre>
 */
public final class Model implements AutoCloseable {
    private static final int CACHED_SHAPES = 4;

    private final ModelSpec spec;
    private final int numClasses;
    private final Map<String, float[]> params;
    private final Backend backend;
    private final BackendOptions options;
    private final Map<Shape, Executable> compiled = new LinkedHashMap<>(8, 0.75f, true);
    private boolean closed;

    private Model(ModelSpec spec, int numClasses, Map<String, float[]> params, Backend backend, BackendOptions options) {
        this.spec = spec;
        this.numClasses = numClasses;
        this.params = params;
        this.backend = backend;
        this.options = options;
    }

    /**
     * Loads and checks the weights of {@code spec} from a safetensors file or a PyTorch checkpoint.
     * The class count comes from the weights. Fails, naming the file and tensor, on any mismatch.
     */
    public static Model load(ModelSpec spec, Path weightsFile, Backend backend, BackendOptions options) throws IOException {
        try (Weights weights = WeightFiles.open(weightsFile, spec.checkpointKeys())) {
            String writtenFor = weights.metadata().get("model");
            if (writtenFor != null && !writtenFor.equals(spec.id())) {
                throw new WeightsException(weightsFile + ": weights were written for model '" + writtenFor
                        + "', not '" + spec.id() + "'");
            }
            int classes = spec.classCount(weights);
            Graph graph = spec.architecture().build(spec.defaultInput(), classes);
            return new Model(spec, classes, ModelWeights.load(graph, weights), backend, options);
        }
    }

    /** A model over weights already in memory (official names), e.g. freshly initialised ones. */
    public static Model of(ModelSpec spec, int numClasses, Map<String, float[]> params, Backend backend, BackendOptions options) {
        return new Model(spec, numClasses, Map.copyOf(params), backend, options);
    }

    public ModelSpec spec() { return spec; }
    public int numClasses() { return numClasses; }
    public Backend backend() { return backend; }

    /** The loaded parameters by official name, e.g. for exporting the model; read-only, do not modify the arrays. */
    public Map<String, float[]> parameters() { return params; }

    /** The model's graph (unoptimised, official names) for an input shape. */
    public Graph graph(Shape input) {
        checkInput(input);
        return spec.architecture().build(input, numClasses);
    }

    public CostReport cost(Shape input) {
        return CostReport.of(graph(input));
    }

    /** Runs the model and returns its first output (logits for classifiers). */
    public Tensor run(Tensor input) {
        return runAll(input).get(0);
    }

    public List<Tensor> runAll(Tensor input) {
        return executable(input.shape()).run(input);
    }

    /** The compiled form for one input shape, compiling it on first use. */
    public Executable executable(Shape input) {
        synchronized (compiled) {
            if (closed) throw new IllegalStateException(spec.id() + " is closed");
            Executable e = compiled.get(input);
            if (e != null) return e;
        }
        Graph optimized = Passes.optimize(graph(input));
        checkMemory(input, optimized);
        Executable fresh = backend.compile(optimized, params, options);
        synchronized (compiled) {
            if (closed) { // closed while compiling: nothing may keep the fresh executable's threads alive
                fresh.close();
                throw new IllegalStateException(spec.id() + " is closed");
            }
            Executable raced = compiled.putIfAbsent(input, fresh);
            if (raced != null) {
                fresh.close();
                return raced;
            }
            if (compiled.size() > CACHED_SHAPES) {
                Shape eldest = compiled.keySet().iterator().next();
                compiled.remove(eldest).close();
            }
            return fresh;
        }
    }

    /** Refuses, before any allocation, an input whose activations exceed the memory limit, saying how much it needs. */
    private void checkMemory(Shape input, Graph optimized) {
        long need;
        try {
            need = MemoryPlanner.plan(optimized).peakActivationBytes();
        } catch (ActivationMemoryException e) {
            need = e.bytes();
        }
        long limit = options.memoryLimitBytes();
        if (need > limit) {
            throw new ActivationMemoryException(need, spec.id() + " at input " + input + " needs "
                    + MemoryLimit.format(need) + " of activation memory per run, over the memory limit of "
                    + MemoryLimit.format(limit) + " (BackendOptions.memoryLimitBytes, -D" + MemoryLimit.PROPERTY + ")");
        }
    }

    private void checkInput(Shape input) {
        Shape d = spec.defaultInput();
        if (input.rank() != 4) throw new IllegalArgumentException(spec.id() + " takes NCHW input, got " + input);
        if (input.c() != d.c()) {
            throw new IllegalArgumentException(spec.id() + " takes " + d.c() + " input channels, got " + input.c() + " (" + input + ")");
        }
        if (input.h() < spec.minInputSize() || input.w() < spec.minInputSize()) {
            throw new IllegalArgumentException(spec.id() + " needs inputs of at least " + spec.minInputSize() + "x"
                    + spec.minInputSize() + ", got " + input.h() + "x" + input.w());
        }
    }

    @Override
    public void close() {
        List<Executable> toClose;
        synchronized (compiled) {
            closed = true;
            toClose = new ArrayList<>(compiled.values());
            compiled.clear();
        }
        toClose.forEach(Executable::close);
    }
}
