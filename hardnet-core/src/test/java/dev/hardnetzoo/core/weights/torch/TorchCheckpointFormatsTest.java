package dev.hardnetzoo.core.weights.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.TestResources;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The small checkpoints of src/test/resources/torch (made by make_fixtures.py with PyTorch):
 * every storage dtype, strided views, storage offsets, shared storages, wrappers and prefixes,
 * in both torch.save formats; and the files a safe loader must refuse.
 */
class TorchCheckpointFormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"views.zip.pth", "views.legacy.pth"})
    void dtypesViewsAndSharedStoragesDecodeExactly(String file) throws Exception {
        TorchCheckpoint.Contents c = TorchCheckpoint.read(fixture(file));
        Map<String, Tensor> t = c.tensors();
        assertThat(t.keySet()).containsExactly("half", "bf16", "double", "transposed", "slice", "whole", "counter");
        assertThat(t.get("half").data()).containsExactly(1.5f, -2.25f, 65504f);
        assertThat(t.get("bf16").data()).containsExactly(1.0f, 3.140625f, -0.5f);
        assertThat(t.get("double").shape().dims()).containsExactly(1, 2);
        assertThat(t.get("double").data()).containsExactly(0.25f, -8f);
        assertThat(t.get("transposed").shape().dims()).containsExactly(3, 2);
        assertThat(t.get("transposed").data()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(t.get("slice").data()).containsExactly(3, 4, 5, 6);
        assertThat(t.get("whole").data()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(t.get("counter").shape().dims()).isEmpty();
        assertThat(t.get("counter").data()).containsExactly(7f);
        assertThat(c.dropped()).contains("epoch", "optimizer");
    }

    @Test
    void aGlobalOutsideTheStateDictSetIsRefusedByName() {
        Path file = fixture("os-system.zip.pth");
        assertThatThrownBy(() -> TorchCheckpoint.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("system");
    }

    @Test
    void aZipEntryClimbingOutOfTheArchiveIsRefused() {
        Path file = fixture("traversal.zip.pth");
        assertThatThrownBy(() -> TorchCheckpoint.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("escaped");
    }

    private static Path fixture(String name) {
        return TestResources.path("torch/" + name);
    }
}
