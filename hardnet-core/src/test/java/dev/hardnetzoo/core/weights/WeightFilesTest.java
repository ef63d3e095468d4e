package dev.hardnetzoo.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.WeightFiles.Format;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling weights files apart by content, and naming what is wrong with one that is none. */
class WeightFilesTest {
    @TempDir Path dir;

    @Test
    void safetensorsAndBothCheckpointFormatsAreRecognised() throws Exception {
        assertThat(WeightFiles.detect(RefData.ref("hardnet39ds.safetensors"))).isEqualTo(Format.SAFETENSORS);
        assertThat(WeightFiles.detect(RefData.ref("hardnet39ds.zip.pth"))).isEqualTo(Format.TORCH_CHECKPOINT);
        assertThat(WeightFiles.detect(RefData.ref("hardnet39ds.legacy.pth"))).isEqualTo(Format.TORCH_CHECKPOINT);
        Path empty = dir.resolve("empty.safetensors");
        Safetensors.write(empty, Map.of(), Map.of());
        assertThat(WeightFiles.detect(empty)).isEqualTo(Format.SAFETENSORS);
    }

    @Test
    void aMissingFileOrAFolderIsNamed() {
        Path missing = dir.resolve("nope.pth");
        assertThatThrownBy(() -> WeightFiles.detect(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": weights file not found");
        assertThatThrownBy(() -> WeightFiles.detect(dir)).hasMessage(dir + ": is a directory, not a weights file");
    }

    @Test
    void aFileInNeitherFormatIsSaidToBeNoWeightsFile() throws Exception {
        // A text file's first 8 bytes read as a safetensors header length of billions of gigabytes.
        for (String content : new String[] {"some notes about the weights\n", "", "short"}) {
            Path notes = Files.writeString(dir.resolve("notes.txt"), content);
            assertThatThrownBy(() -> WeightFiles.open(notes, name -> name)).isInstanceOf(WeightsException.class)
                    .hasMessage(notes + ": not a safetensors file or a PyTorch checkpoint");
        }
    }

    @Test
    void aSafetensorsFileWithACorruptLengthKeepsItsOwnMessage() throws Exception {
        Path corrupt = RawSafetensors.write(dir.resolve("c.safetensors"), 1000, "{}".getBytes(), new byte[0]);
        assertThatThrownBy(() -> WeightFiles.open(corrupt, name -> name)).hasMessageContaining("exceeds the file size");
    }
}
