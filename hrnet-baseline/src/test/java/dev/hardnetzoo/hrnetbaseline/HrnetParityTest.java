package dev.hardnetzoo.hrnetbaseline;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.testsupport.TestResources;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our HRNets against the official seg_hrnet.py / cls_hrnet.py run by PyTorch 1.13 on the same weights: those
 * {@code hardnet init --seed N} writes (RandomWeights), so only the small input and output
 * arrays are committed (src/test/resources/ref, see its MANIFEST.md). Random weights make the
 * activations grow through the residual sums, so outputs are compared relative to their
 * scale; the per-pixel class must be the same.
 */
class HrnetParityTest {

    @Test
    void w18SmallV2MatchesPyTorch() throws IOException {
        assertParity("hrnetv2-w18-small-v2", 1, "hrnetv2-w18-small-v2.seed1");
    }

    @Test
    void w18SmallV2MatchesPyTorchAtAnOddSizeWhereBranchesRoundUp() throws IOException {
        assertParity("hrnetv2-w18-small-v2", 1, "hrnetv2-w18-small-v2.seed1-odd");
    }

    @Test
    void w18SmallV2ClassifierMatchesTheOfficialClassificationCode() throws IOException {
        assertParity("hrnet_w18_small_v2", 3, "hrnet_w18_small_v2.seed3");
    }

    @Test
    @Tag("slow")
    void w48MatchesPyTorch() throws IOException {
        assertParity("hrnetv2-w48", 2, "hrnetv2-w48.seed2");
    }

    private void assertParity(String id, long seed, String prefix) throws IOException {
        ModelSpec spec = ModelZoo.get(id);
        Map<String, float[]> weights = RandomWeights.arrays(spec.defaultGraph(), seed);
        Tensor input = TestResources.refNpy(prefix + ".input.npy");
        Tensor expected = TestResources.refNpy(prefix + ".output.npy");
        try (Model model = Model.of(spec, spec.defaultClasses(), weights, Backends.get(Backends.DEFAULT), BackendOptions.defaults())) {
            Tensor actual = model.run(input);
            Parity.assertSameOutput(actual, expected, 1e-4f);
        }
    }
}
