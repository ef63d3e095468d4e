package dev.hardnetzoo.examples;

import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.bench.RandomModels;
import dev.hardnetzoo.examples.onnx.OnnxExporter;
import dev.hardnetzoo.examples.peer.OnnxRuntimePeer;
import dev.hardnetzoo.examples.peer.OutputAgreement;
import java.nio.file.Files;
import java.nio.file.Path;

/** Export a zoo model to ONNX, run the file in ONNX Runtime and check it agrees with us. Args: MODEL WEIGHTS OUT.onnx */
public final class ExportExample {
    public static void main(String[] args) throws Exception {
        String modelId = args.length > 0 ? args[0] : "hardnet68";
        Path weights = Path.of(args.length > 1 ? args[1] : "hardnet68.safetensors");
        Path onnxFile = Path.of(args.length > 2 ? args[2] : modelId + ".onnx");
        try (Model model = ModelZoo.load(modelId, weights)) {
            OnnxExporter.write(OnnxExporter.export(modelId, model.graph(model.spec().defaultInput()), model.parameters()), onnxFile);
            Tensor input = RandomModels.input(model.spec().defaultInput(), 1);
            try (OnnxRuntimePeer ort = OnnxRuntimePeer.load(Files.readAllBytes(onnxFile), 2)) {
                OutputAgreement agreement = OutputAgreement.of(model.runAll(input), ort.run(input));
                System.out.printf("wrote %s; ONNX Runtime %s us: %s%n", onnxFile,
                        agreement.agrees() ? "agrees with" : "DISAGREES with", agreement);
            }
        }
    }
}
