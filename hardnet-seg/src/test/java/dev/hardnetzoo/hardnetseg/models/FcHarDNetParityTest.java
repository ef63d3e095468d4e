package dev.hardnetzoo.hardnetseg.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FC-HarDNet-70 against the official PyTorch code on the same random weights
 * (../shared/testdata/ref: input [1,3,128,256], logits [1,19,128,256] after the final resize),
 * loaded from safetensors and from the training script's checkpoint ({"model_state": {"module."+key}}).
 */
class FcHarDNetParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"fchardnet70.safetensors", "fchardnet70.pkl"})
    void fullResolutionLogitsAndArgmaxMatchPyTorch(String weights) throws Exception {
        Tensor x = Npy.read(RefData.ref("fchardnet70.input.npy"));
        Tensor expected = Npy.read(RefData.ref("fchardnet70.logits.npy"));
        try (Model m = ModelZoo.load("fchardnet70", RefData.ref(weights), Backends.DEFAULT, new BackendOptions(2))) {
            assertThat(m.numClasses()).isEqualTo(19);
            Tensor actual = m.run(x);
            Parity.assertClose(actual, expected, 1e-3f);
            int[] ours = Parity.argmaxOverChannels(actual);
            int[] theirs = Parity.argmaxOverChannels(expected);
            int same = 0;
            for (int i = 0; i < ours.length; i++) if (ours[i] == theirs[i]) same++;
            assertThat((double) same / ours.length).as("share of pixels with the same class").isGreaterThanOrEqualTo(0.999);
        }
    }
}
