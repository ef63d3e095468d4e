package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.weights.Safetensors;
import dev.hardnetzoo.core.weights.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardnet convert} on the real torch.save files (CommandsTest runs a checkpoint given straight to --weights). */
class ConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void zipAndLegacyCheckpointsConvertToTheReferenceTensors() throws Exception {
        for (String checkpoint : new String[] {"hardnet39ds.zip.pth", "hardnet39ds.legacy.pth"}) {
            Path out = tmp.resolve(checkpoint + ".safetensors");
            CliRun r = CliRun.of("convert", RefData.ref(checkpoint).toString(), "--model", "hardnet39ds", "--out", out.toString());
            assertThat(r.exitCode).as(r.err).isZero();
            assertThat(r.out).contains("3,488,228 parameters").contains("1000 classes")
                    .contains("dropped 74 entries the model does not use: num_batches_tracked (74)");
            try (Weights converted = Safetensors.open(out); Weights reference = Safetensors.open(RefData.ref("hardnet39ds.safetensors"))) {
                assertThat(converted.metadata()).containsEntry("model", "hardnet39ds").containsEntry("converted-from", checkpoint);
                for (String name : converted.names()) {
                    assertThat(Arrays.mismatch(converted.tensor(name).data(), reference.tensor(name).data()))
                            .as("first differing element of %s", name).isEqualTo(-1);
                }
                assertThat(reference.names()).containsAll(converted.names());
            }
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("wrong.safetensors");
        CliRun r = CliRun.of("convert", RefData.ref("hardnet39ds.zip.pth").toString(), "--model", "hardnet68", "--out", out.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).startsWith("hardnet: ").contains("hardnet39ds.zip.pth").contains("problems matching the model's parameters: tensor 'base.0.conv.weight' has shape [24, 3, 3, 3], expected [32, 3, 3, 3]; tensor 'base.0.norm.weight'")
                .contains("; ... and 739 more (so many usually means weights of another model)").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(Files.list(tmp)).isEmpty();
    }

    @Test
    void aFileThatIsNoCheckpointIsNamedAndAnExistingOutputIsKept() throws Exception {
        Path out = Files.writeString(tmp.resolve("kept.safetensors"), "previous contents");
        Path notACheckpoint = RefData.ref("hardnet39ds.input.npy");
        CliRun r = CliRun.of("convert", notACheckpoint.toString(), "--model", "hardnet39ds", "--out", out.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains(notACheckpoint.toString());
        assertThat(Files.readString(out)).isEqualTo("previous contents");
    }

    @Test
    void aMissingCheckpointOrModelIsNamed() throws Exception {
        Path out = tmp.resolve("x.safetensors");
        Path nope = tmp.resolve("nope.pth");
        CliRun.assertOneLineError(CliRun.of("convert", nope.toString(), "--model", "hardnet39ds", "--out", out.toString()),
                nope + ": weights file not found");
        Path existingOut = Files.writeString(tmp.resolve("kept.safetensors"), "previous contents");
        CliRun.assertOneLineError(CliRun.of("convert", nope.toString(), "--model", "hardnet39ds", "--out", existingOut.toString()),
                nope + ": weights file not found");
        Files.delete(existingOut);
        CliRun unknown = CliRun.of("convert", RefData.ref("hardnet39ds.zip.pth").toString(), "--model", "hardnet999", "--out", out.toString());
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.err).contains("hardnet999");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFolderOrATextFileGivenAsCheckpointIsNamedAsSuch() throws Exception {
        Path out = tmp.resolve("x.safetensors");
        Path folder = Files.createDirectory(tmp.resolve("checkpoints"));
        CliRun.assertOneLineError(CliRun.of("convert", folder.toString(), "--model", "hardnet39ds", "--out", out.toString()),
                folder + ": is a directory, not a weights file");
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "some notes about the checkpoint\n");
        CliRun.assertOneLineError(CliRun.of("convert", notes.toString(), "--model", "hardnet39ds", "--out", out.toString()),
                notes + ": not a safetensors file or a PyTorch checkpoint");
        assertThat(out).doesNotExist();
    }
}
