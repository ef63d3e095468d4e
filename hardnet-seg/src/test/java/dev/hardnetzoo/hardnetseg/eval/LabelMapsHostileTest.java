package dev.hardnetzoo.hardnetseg.eval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.hostile.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A label map whose header claims a huge size is refused before it is decoded, like any image. */
class LabelMapsHostileTest {

    @Test
    void a100kBy100kHeaderIsRefusedBeforeDecoding(@TempDir Path tmp) throws Exception {
        Path file = Files.write(tmp.resolve("bomb_labelIds.png"), HostileFiles.png(100_000, 100_000));
        assertThatThrownBy(() -> LabelMaps.read(file, LabelEncoding.TRAIN_IDS, 19)).isInstanceOf(IOException.class)
                .hasMessageContaining("bomb_labelIds.png").hasMessageContaining("claims 100000x100000 pixels");
    }
}
