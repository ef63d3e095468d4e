package dev.hardnetzoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.testsupport.StdoutCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentExampleTest {

    @Test
    void writesMaskAndOverlayAndPrintsClassAreas(@TempDir Path tmp) throws Exception {
        Path image = tmp.resolve("street.png");
        Images.writePng(image, Images.read(RefData.image("street01.jpg")).crop(400, 600, 128, 256).toBufferedImage());
        Path mask = tmp.resolve("mask.png");
        Path overlay = tmp.resolve("overlay.png");
        String printed = StdoutCapture.of(() -> SegmentExample.main(new String[] {"fchardnet70", RefData.ref("fchardnet70.safetensors").toString(), image.toString(), mask.toString(), overlay.toString()}));
        String[] lines = printed.strip().split("\\R");
        assertThat(lines[0]).matches("\\s*\\d+\\.\\d%\\s+\\S.*");
        double total = 0;
        for (String line : lines) total += Double.parseDouble(line.strip().split("%")[0]);
        assertThat(total).isBetween(99.0, 101.0);
        RgbImage m = Images.read(mask);
        assertThat(m.width()).isEqualTo(256);
        assertThat(m.height()).isEqualTo(128);
        assertThat(Images.read(overlay).width()).isEqualTo(256);
    }
}
