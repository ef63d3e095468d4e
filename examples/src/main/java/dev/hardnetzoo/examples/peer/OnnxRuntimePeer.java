package dev.hardnetzoo.examples.peer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An exported model running in ONNX Runtime on the CPU: the peer our engine is measured and
 * checked against. One intra-op thread pool of the given size, sequential execution, all graph
 * optimisations on (ORT's defaults for a fair comparison).
 */
public final class OnnxRuntimePeer implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;

    private OnnxRuntimePeer(OrtSession session) throws OrtException {
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
    }

    /** A session over ONNX model bytes using {@code threads} CPU threads. */
    public static OnnxRuntimePeer load(byte[] onnxModel, int threads) {
        return load(onnxModel, threads, null);
    }

    /**
     * As {@link #load(byte[], int)}, and with {@code profilePrefix} not null, ONNX Runtime records
     * every node's time in a JSON file starting with that path until {@link #endProfiling}.
     */
    static OnnxRuntimePeer load(byte[] onnxModel, int threads, String profilePrefix) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (profilePrefix != null) options.enableProfiling(profilePrefix);
            return new OnnxRuntimePeer(env.createSession(onnxModel, options));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the exported model: " + e.getMessage(), e);
        }
    }

    /** Stops profiling and returns the file the node times went to. */
    String endProfiling() {
        try {
            return session.endProfiling();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not write its profile: " + e.getMessage(), e);
        }
    }

    /** Every output of the model, in order, as float32 tensors. */
    public List<Tensor> run(Tensor input) {
        long[] dims = new long[input.shape().rank()];
        for (int i = 0; i < dims.length; i++) dims[i] = input.shape().dim(i);
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data()), dims);
             OrtSession.Result result = session.run(Map.of(inputName, x))) {
            List<Tensor> outputs = new ArrayList<>();
            for (Map.Entry<String, OnnxValue> e : result) outputs.add(toTensor(e.getKey(), e.getValue()));
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on input " + input.shape() + ": " + e.getMessage(), e);
        }
    }

    private static Tensor toTensor(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor t) || !(t.getInfo() instanceof TensorInfo info)) {
            throw new IllegalStateException("ONNX Runtime output '" + name + "' is not a tensor");
        }
        long[] shape = info.getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = Math.toIntExact(shape[i]);
        FloatBuffer buffer = t.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return new Tensor(Shape.of(dims), data);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
