package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.MapWeights;
import dev.hardnetzoo.core.weights.ModelWeights;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.WeightFiles;
import dev.hardnetzoo.core.weights.Weights;
import dev.hardnetzoo.core.weights.torch.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a foreign weights file (an official PyTorch checkpoint, or safetensors) into our one
 * format for one model. Every name and shape is checked against the model before anything is
 * written, so a wrong checkpoint never leaves a file behind.
 */
public final class WeightsConversion {

    /**
     * The checked tensors ready to write.
     *
     * @param tensors    exactly the model's parameters, official names, float32, in graph order
     * @param parameters total element count of {@code tensors}
     * @param dropped    what the source held that the model does not use (optimizer state,
     *                   epoch counters, {@code num_batches_tracked}, ...)
     */
    public record Result(ModelSpec spec, int classes, Map<String, Tensor> tensors, long parameters, List<String> dropped) {}

    private WeightsConversion() {}

    public static Result prepare(ModelSpec spec, Path source) throws IOException {
        List<String> dropped = new ArrayList<>();
        Map<String, Tensor> named = new LinkedHashMap<>();
        switch (WeightFiles.detect(source)) {
            case TORCH_CHECKPOINT -> {
                TorchCheckpoint.Contents contents = TorchCheckpoint.read(source);
                named.putAll(WeightFiles.renamed(source, contents.tensors(), spec.checkpointKeys()));
                dropped.addAll(contents.dropped());
            }
            case SAFETENSORS -> {
                try (Weights file = Safetensors.open(source)) {
                    for (String name : file.names()) named.put(name, file.tensor(name));
                }
            }
        }
        try (Weights weights = new MapWeights(source.toString(), named)) {
            int classes = spec.classCount(weights);
            Graph graph = spec.architecture().build(spec.defaultInput(), classes);
            Map<String, float[]> params = ModelWeights.load(graph, weights);
            Map<String, Tensor> out = new LinkedHashMap<>();
            params.forEach((name, data) -> out.put(name, new Tensor(graph.params().get(name).shape(), data)));
            for (String name : named.keySet()) if (!params.containsKey(name)) dropped.add(name);
            return new Result(spec, classes, out, graph.parameterCount(), List.copyOf(dropped));
        }
    }

    /** Writes {@code result} atomically, recording the model, class count and source in the metadata. */
    public static void write(Result result, Path source, Path out) throws IOException {
        Safetensors.write(out, result.tensors(), Map.of("model", result.spec().id(),
                "classes", Integer.toString(result.classes()),
                "converted-from", String.valueOf(source.getFileName())));
    }
}
