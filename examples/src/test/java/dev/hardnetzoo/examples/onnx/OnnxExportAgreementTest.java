package dev.hardnetzoo.examples.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.examples.bench.RandomModels;
import dev.hardnetzoo.examples.peer.OnnxRuntimePeer;
import dev.hardnetzoo.examples.peer.OutputAgreement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every zoo model, exported to ONNX and run in ONNX Runtime, gives our outputs within float32
 * tolerance (random weights, a small input). Models over {@value #LIGHT_PARAMS} parameters run
 * only in the full suite.
 */
class OnnxExportAgreementTest {
    static final long LIGHT_PARAMS = 10_000_000;

    @TestFactory
    Stream<DynamicTest> lightModelsAgreeWithOnnxRuntime() {
        return tests(true);
    }

    @Tag("slow")
    @TestFactory
    Stream<DynamicTest> heavyModelsAgreeWithOnnxRuntime() {
        return tests(false);
    }

    private static Stream<DynamicTest> tests(boolean light) {
        return ModelZoo.list().stream()
                .filter(spec -> (spec.defaultGraph().parameterCount() <= LIGHT_PARAMS) == light)
                .map(spec -> DynamicTest.dynamicTest(spec.id(), () -> assertAgrees(spec)));
    }

    /** The smallest input the model takes, but at least 64 so that every stage sees a real feature map. */
    static Shape smallInput(ModelSpec spec) {
        int side = Math.max(64, spec.minInputSize());
        return Shape.nchw(1, spec.defaultInput().c(), side, side);
    }

    private static void assertAgrees(ModelSpec spec) {
        Shape shape = smallInput(spec);
        Graph graph = spec.architecture().build(shape, spec.defaultClasses());
        Tensor input = RandomModels.input(shape, 3);
        try (Model model = Model.of(spec, spec.defaultClasses(), RandomModels.weights(graph, 5),
                Backends.get(Backends.DEFAULT), new BackendOptions(2));
             OnnxRuntimePeer ort = OnnxRuntimePeer.load(
                     OnnxExporter.export(spec.id(), graph, model.parameters()).toByteArray(), 2)) {
            List<Tensor> ours = model.runAll(input);
            List<Tensor> theirs = ort.run(input);
            OutputAgreement agreement = OutputAgreement.of(ours, theirs);
            assertThat(agreement.agrees()).as("%s: %s", spec.id(), agreement).isTrue();
        }
    }
}
