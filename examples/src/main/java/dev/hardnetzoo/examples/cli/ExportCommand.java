package dev.hardnetzoo.examples.cli;

import ai.onnx.proto.OnnxMl;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.OutputFolders;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.onnx.OnnxExporter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {
        "Export a model with its weights to ONNX (opset 17, weights as initializers under their official names).",
        "The batch size is dynamic, and so are height and width unless the model pins them (then --size sets them)."})
final class ExportCommand extends CliCommand {
    @Parameters(index = "0", description = "Model id.")
    String model;

    @Mixin
    WeightsOption weights;

    @Option(names = "--out", required = true, description = "The .onnx file to write (replaced atomically).")
    Path outFile;

    @Option(names = "--size", converter = ImageSize.Converter.class,
            description = "Input HxW (or one number for a square) the graph is built at (default: the model's).")
    ImageSize size;

    @Override
    public Integer call() throws Exception {
        try (Model m = ModelZoo.load(model, weights.file)) {
            OutputFolders.check(outFile);
            Shape input = size == null ? m.spec().defaultInput() : size.nchw(1, m.spec().defaultInput().c());
            Graph graph = m.graph(input);
            OnnxMl.ModelProto onnx = OnnxExporter.export(model, graph, m.parameters());
            OutputFolders.write(outFile, () -> OnnxExporter.write(onnx, outFile));
            boolean dynamic = OnnxExporter.allowsDynamicSpatialSize(graph);
            out().printf("%s -> %s (opset 17, %d nodes, %d initializers; input [batch, %d, %s])%n", model, outFile,
                    onnx.getGraph().getNodeCount(), onnx.getGraph().getInitializerCount(), input.c(),
                    dynamic ? "height, width" : input.h() + ", " + input.w());
        }
        return 0;
    }
}
