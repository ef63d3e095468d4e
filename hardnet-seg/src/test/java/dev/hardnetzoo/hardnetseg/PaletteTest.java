package dev.hardnetzoo.hardnetseg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void cityscapesPaletteHasTheOfficialColours() {
        Palette p = Palette.cityscapes();
        assertThat(p.size()).isEqualTo(19);
        assertThat(p.names().get(0)).isEqualTo("road");
        assertThat(p.colour(0)).isEqualTo(new Palette.Rgb(128, 64, 128));
        assertThat(p.names().get(13)).isEqualTo("car");
        assertThat(p.colour(13)).isEqualTo(new Palette.Rgb(0, 0, 142));
        assertThat(p.colour(18)).isEqualTo(new Palette.Rgb(119, 11, 32));
    }

    @Test
    void camvidPaletteHasElevenClasses() {
        Palette p = Palette.camvid();
        assertThat(p.size()).isEqualTo(11);
        assertThat(p.names().get(3)).isEqualTo("road");
        assertThat(p.colour(3)).isEqualTo(new Palette.Rgb(128, 64, 128));
    }

    @Test
    void modelsPickTheShippedPaletteByTheirLabels() {
        assertThat(Palette.forLabels(Palette.cityscapes().names(), 19)).isEqualTo(Palette.cityscapes());
        Palette other = Palette.forLabels(List.of(), 3);
        assertThat(other.names()).containsExactly("class 0", "class 1", "class 2");
        // PASCAL VOC colour map: 1 -> (128,0,0), 2 -> (0,128,0), 3 would be (128,128,0)
        assertThat(other.colour(0)).isEqualTo(new Palette.Rgb(0, 0, 0));
        assertThat(other.colour(1)).isEqualTo(new Palette.Rgb(128, 0, 0));
        assertThat(other.colour(2)).isEqualTo(new Palette.Rgb(0, 128, 0));
        assertThat(Palette.vocColour(8)).isEqualTo(new Palette.Rgb(64, 0, 0));
    }
}
