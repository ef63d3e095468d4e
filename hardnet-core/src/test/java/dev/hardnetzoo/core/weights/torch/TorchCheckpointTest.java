package dev.hardnetzoo.core.weights.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.Weights;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real {@code torch.save} files of ../shared/testdata/ref, read without Python. */
class TorchCheckpointTest {

    @Test
    void zipAndLegacyFormatsHoldExactlyTheSafetensorsTensors() throws Exception {
        TorchCheckpoint.Contents zip = TorchCheckpoint.read(RefData.ref("hardnet39ds.zip.pth"));
        TorchCheckpoint.Contents legacy = TorchCheckpoint.read(RefData.ref("hardnet39ds.legacy.pth"));
        assertSameAsSafetensors(zip.tensors(), RefData.ref("hardnet39ds.safetensors"));
        assertSameAsSafetensors(legacy.tensors(), RefData.ref("hardnet39ds.safetensors"));
        assertThat(zip.dropped()).isEmpty();
    }

    @Test
    void wrappedDataParallelCheckpointIsUnwrapped() throws Exception {
        TorchCheckpoint.Contents c = TorchCheckpoint.read(RefData.ref("fchardnet70.pkl"));
        assertThat(c.tensors().keySet()).noneMatch(k -> k.startsWith("module."));
        assertThat(c.dropped()).contains("epoch", "best_iou");
        assertSameAsSafetensors(c.tensors(), RefData.ref("fchardnet70.safetensors"));
    }

    @Test
    void legacyDenseNetKeepsItsLegacyKeysForTheFamilyToRename() throws Exception {
        TorchCheckpoint.Contents c = TorchCheckpoint.read(RefData.ref("densenet121.legacy.pth"));
        assertThat(c.tensors()).containsKey("features.denseblock1.denselayer1.norm.1.weight");
        assertThat(c.tensors().get("features.conv0.weight").shape().dims()).containsExactly(64, 3, 7, 7);
    }

    private static void assertSameAsSafetensors(Map<String, Tensor> tensors, Path safetensors) {
        try (Weights w = Safetensors.open(safetensors)) {
            assertThat(tensors.keySet()).containsExactlyInAnyOrderElementsOf(w.names());
            for (String name : w.names()) {
                Tensor expected = w.tensor(name);
                assertThat(tensors.get(name).shape()).as(name).isEqualTo(expected.shape());
                // Arrays.mismatch, not containsExactly: AssertJ's diff of two large arrays is quadratic.
                assertThat(java.util.Arrays.mismatch(tensors.get(name).data(), expected.data()))
                        .as("first differing element of %s", name).isEqualTo(-1);
            }
        }
    }

    @Test
    void notACheckpointIsNamed() {
        Path file = RefData.ref("hardnet39ds.input.npy");
        assertThatThrownBy(() -> TorchCheckpoint.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a PyTorch checkpoint");
    }
}
