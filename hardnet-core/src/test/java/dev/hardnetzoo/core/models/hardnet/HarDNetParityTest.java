package dev.hardnetzoo.core.models.hardnet;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our HarDNets against the official PyTorch code's outputs on the same (random) weights
 * (../shared/testdata/ref, made with PyTorch 1.13). Float32 accumulates in a different order,
 * so outputs agree to a fraction of the logits' scale, and the top-1 class is identical.
 */
class HarDNetParityTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "hardnet39ds, hardnet39ds.safetensors, hardnet39ds.input.npy, hardnet39ds.logits.npy, 2",
        "hardnet39ds, hardnet39ds.safetensors, hardnet39ds.input-odd.npy, hardnet39ds.logits-odd.npy, 2",
        "hardnet68ds, hardnet68ds.safetensors, hardnet68ds.input.npy, hardnet68ds.logits.npy, 2",
        "hardnet39ds, hardnet39ds.safetensors, hardnet39ds.input.npy, hardnet39ds.logits.npy, 1",
    })
    void logitsMatchPyTorch(String model, String weights, String input, String logits, int threads) throws Exception {
        Tensor x = Npy.read(RefData.ref(input));
        Tensor expected = Npy.read(RefData.ref(logits));
        Path w = RefData.ref(weights);
        try (Model m = ModelZoo.load(model, w, Backends.DEFAULT, new BackendOptions(threads))) {
            Tensor actual = m.run(x);
            Parity.assertSameOutput(actual, expected, 1e-3f);
        }
    }
}
