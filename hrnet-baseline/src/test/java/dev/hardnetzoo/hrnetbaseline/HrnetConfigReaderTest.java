package dev.hardnetzoo.hrnetbaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.zoo.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HrnetConfigReaderTest {
    @TempDir Path tmp;

    /** HRNetV2-W32 in the layout (and with the STAGE1 misspelling) of the official experiment files. */
    private static final String W32 = """
            CUDNN: {BENCHMARK: true}
            DATASET:
              DATASET: cityscapes
              NUM_CLASSES: 19
            MODEL:
              NAME: seg_hrnet
              PRETRAINED: 'pretrained_models/hrnetv2_w32_imagenet_pretrained.pth'
              EXTRA:
                FINAL_CONV_KERNEL: 1
                STAGE1:
                  NUM_MODULES: 1
                  NUM_RANCHES: 1
                  BLOCK: BOTTLENECK
                  NUM_BLOCKS:
                  - 4
                  NUM_CHANNELS:
                  - 64
                  FUSE_METHOD: SUM
                STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [4, 4],
                         NUM_CHANNELS: [32, 64], FUSE_METHOD: SUM}
                STAGE3: {NUM_MODULES: 4, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [4, 4, 4],
                         NUM_CHANNELS: [32, 64, 128], FUSE_METHOD: SUM}
                STAGE4: {NUM_MODULES: 3, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [4, 4, 4, 4],
                         NUM_CHANNELS: [32, 64, 128, 256], FUSE_METHOD: SUM}
            TRAIN: {IMAGE_SIZE: [1024, 512]}
            """;

    @Test
    void builtInConfigsDescribeTheOfficialArchitectures() {
        HrnetConfig small = HrnetConfig.builtIn("hrnetv2-w18-small-v2");
        assertThat(small.stages()).extracting(StageConfig::numModules).containsExactly(1, 1, 3, 2);
        assertThat(small.stages().get(0)).isEqualTo(new StageConfig(1, BlockType.BOTTLENECK, List.of(2), List.of(64)));
        assertThat(small.stages().get(3).numChannels()).containsExactly(18, 36, 72, 144);
        assertThat(small.headChannels()).isEqualTo(270);
        assertThat(HrnetConfig.builtIn("hrnetv2-w48").headChannels()).isEqualTo(720);
    }

    @Test
    void aUserConfigFileAddsAWidthMatchingTheOfficialCount() throws IOException {
        Path file = Files.writeString(tmp.resolve("hrnetv2-w32.yaml"), W32);
        ModelSpec spec = HrnetModels.segmentation("hrnetv2-w32", HrnetConfig.load(file), "HRNetV2-W32");
        // The official seg_hrnet.py with this configuration has 29,546,515 parameters (PyTorch 1.13).
        assertThat(spec.defaultGraph().parameterCount()).isEqualTo(29_546_515L);
        assertThat(spec.defaultClasses()).isEqualTo(19);
    }

    @Test
    void classCountAndFinalKernelAreRead() throws IOException {
        String yaml = W32.replace("NUM_CLASSES: 19", "NUM_CLASSES: 59").replace("FINAL_CONV_KERNEL: 1", "FINAL_CONV_KERNEL: 3");
        HrnetConfig cfg = parse(yaml);
        assertThat(cfg.numClasses()).isEqualTo(59);
        assertThat(cfg.finalConvKernel()).isEqualTo(3);
        assertThat(HrnetModels.segmentation("x", cfg, "x").labels()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing stage       | 'STAGE3: {'                  | 'STAGEX: {'                  | MODEL.EXTRA.STAGE3 is missing
            fifth stage         | 'FINAL_CONV_KERNEL: 1'       | 'FINAL_CONV_KERNEL: 1\\n    STAGE5: {}' | MODEL.EXTRA.STAGE5 HRNet has exactly four stages
            list too short      | 'NUM_CHANNELS: [32, 64, 128]' | 'NUM_CHANNELS: [32, 64]'     | MODEL.EXTRA.STAGE3.NUM_CHANNELS has 2 entries but NUM_BRANCHES is 3
            unknown block       | 'BLOCK: BASIC, NUM_BLOCKS: [4, 4]' | 'BLOCK: RESNEXT, NUM_BLOCKS: [4, 4]' | MODEL.EXTRA.STAGE2.BLOCK must be BASIC or BOTTLENECK, got 'RESNEXT'
            other fusion        | 'NUM_CHANNELS: [32, 64], FUSE_METHOD: SUM' | 'NUM_CHANNELS: [32, 64], FUSE_METHOD: CAT' | MODEL.EXTRA.STAGE2.FUSE_METHOD must be SUM
            not an integer      | 'NUM_MODULES: 4,'            | 'NUM_MODULES: four,'         | MODEL.EXTRA.STAGE3.NUM_MODULES must be an integer, got 'four'
            zero channels       | '[32, 64, 128, 256]'         | '[32, 64, 0, 256]'           | MODEL.EXTRA.STAGE4.NUM_CHANNELS[2] must be at least 1, got 0
            misspelt field      | 'NUM_MODULES: 3,'            | 'NUM_MODULE: 3,'             | MODEL.EXTRA.STAGE4.NUM_MODULE is not a stage field
            branches shrink     | 'NUM_MODULES: 3, NUM_BRANCHES: 4' | 'NUM_MODULES: 3, NUM_BRANCHES: 2' | MODEL.EXTRA.STAGE4.NUM_BLOCKS has 4 entries but NUM_BRANCHES is 2
            final kernel        | 'FINAL_CONV_KERNEL: 1'       | 'FINAL_CONV_KERNEL: 5'       | MODEL.EXTRA.FINAL_CONV_KERNEL must be 1 or 3, got 5
            stage1 branches     | 'NUM_RANCHES: 1'             | 'NUM_BRANCHES: 2'            | MODEL.EXTRA.STAGE1 must have NUM_MODULES 1 and NUM_BRANCHES 1
            classes             | 'NUM_CLASSES: 19'            | 'NUM_CLASSES: 0'             | DATASET.NUM_CLASSES must be at least 1, got 0
            no EXTRA            | '  EXTRA:'                   | '  EXTRAS:'                  | MODEL.EXTRA is missing
            """)
    void badConfigsNameTheField(String what, String from, String to, String message) {
        String yaml = W32.replace(from, to.replace("\\n", "\n"));
        assertThat(yaml).as("test edit applies").isNotEqualTo(W32);
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("w32.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void branchCountMayNotShrink() {
        String yaml = W32.replace("NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [4, 4, 4, 4]",
                "NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [4, 4]").replace("[32, 64, 128, 256]", "[32, 64]");
        assertThat(yaml).isNotEqualTo(W32);
        assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("MODEL.EXTRA.STAGE4.NUM_BRANCHES (2) must not be less than STAGE3's (3)");
    }

    @Test
    void notYamlOrNotAMappingOrNoFileAreClearErrors() {
        assertThatThrownBy(() -> parse("MODEL: [unclosed")).hasMessageStartingWith("w32.yaml: not valid YAML");
        assertThatThrownBy(() -> parse("- a list")).hasMessage("w32.yaml: expected a YAML mapping at the top");
        assertThatThrownBy(() -> parse(W32.replace("FINAL_CONV_KERNEL: 1", "FINAL_CONV_KERNEL: 1\n    FINAL_CONV_KERNEL: 3")))
                .hasMessageStartingWith("w32.yaml: not valid YAML").hasMessageContaining("Duplicate field 'FINAL_CONV_KERNEL'");
        Path missing = tmp.resolve("nope.yaml");
        assertThatThrownBy(() -> HrnetConfig.load(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.yaml");
        assertThatThrownBy(() -> HrnetConfig.builtIn("hrnetv2-w99")).hasMessageContaining("hrnetv2-w99.yaml");
    }

    private static HrnetConfig parse(String yaml) throws IOException {
        return HrnetConfigReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "w32.yaml");
    }
}
