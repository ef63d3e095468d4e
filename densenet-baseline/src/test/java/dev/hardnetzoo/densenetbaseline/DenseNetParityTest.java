package dev.hardnetzoo.densenetbaseline;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * DenseNet-121 against torchvision's output on the same random weights
 * (../shared/testdata/ref): the checkpoint is a legacy-format torch.save with torchvision's
 * legacy key names, so this also proves the importer and the family's key remapping.
 */
class DenseNetParityTest {

    @Test
    void densenet121FromALegacyCheckpointMatchesTorchvision() throws Exception {
        Tensor x = Npy.read(RefData.ref("densenet121.input.npy"));
        Tensor expected = Npy.read(RefData.ref("densenet121.logits.npy"));
        try (Model m = ModelZoo.load("densenet121", RefData.ref("densenet121.legacy.pth"), Backends.DEFAULT, new BackendOptions(2))) {
            Tensor actual = m.run(x);
            Parity.assertSameOutput(actual, expected, 1e-3f);
        }
    }
}
