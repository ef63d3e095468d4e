package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the new-user acceptance pass found: mistakes a user makes get one line naming the
 * file or argument, exit 1, and leave no output behind; listings are in a fixed order.
 */
class UserMistakesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static void assertOneLineFailure(CliRun r, String message) {
        assertThat(r.exitCode).as(r.err).isEqualTo(1);
        assertThat(r.err).isEqualTo("hardnet: " + message + System.lineSeparator());
        assertThat(r.out).isEmpty();
    }

    private List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A value out of its option's range is a malformed command line, as an unparsable one is: one line, exit 2. */
    @Test
    void valuesOutOfRangeAreUsageErrors() throws Exception {
        CliRun.assertUsageError(CliRun.of("init", "hardnet39ds", "--classes", "0", "--out", tmp.resolve("w.safetensors").toString()),
                "init", "--classes must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("info", "hardnet39ds", "--batch", "0"), "info", "--batch must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("segment", RefData.image("chelsea.png").toString(), "--model", "fchardnet70",
                "--weights", tmp.resolve("none.safetensors").toString(), "--alpha", "2"), "segment", "--alpha must be in [0, 1], got 2.0");
        CliRun.assertUsageError(CliRun.of("eval-det", "--model", "ssd300-hardnet68", "--weights", tmp.resolve("none.safetensors").toString(),
                "--images", tmp.toString(), "--annotations", tmp.toString(), "--limit", "0"), "eval-det", "--limit must be at least 1, got 0");
        CliRun.assertUsageError(CliRun.of("run", "hardnet39ds", "--weights", tmp.resolve("none.safetensors").toString(),
                "--input", tmp.resolve("in.npy").toString(), "--output", tmp.resolve("out.npy").toString(), "--threads", "0"),
                "run", "--threads must be at least 1, got 0");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void modelsAreListedByTaskWithTheBuiltInFamiliesFirst() throws Exception {
        CliRun r = CliRun.of("models", "--json");
        assertThat(r.exitCode).as(r.err).isZero();
        List<String> tasks = new ArrayList<>();
        List<String> classifiers = new ArrayList<>();
        for (JsonNode row : JSON.readTree(r.out)) {
            tasks.add(row.get("task").asText());
            if (row.get("task").asText().equals("classification")) classifiers.add(row.get("model").asText());
        }
        assertThat(tasks).isSortedAccordingTo(java.util.Comparator.comparing(t -> List.of("classification", "segmentation", "detection").indexOf(t)));
        assertThat(classifiers.getFirst()).isEqualTo("hardnet39ds");
        // the examples' add-a-backbone demo is a user-added provider: after every built-in classifier
        assertThat(classifiers.subList(classifiers.size() - 2, classifiers.size())).containsExactly("resnet18", "resnet50");
    }

    @Test
    void infoLayersTableColumnsLineUpWithGroupedConvolutions() {
        CliRun r = CliRun.of("info", "hardnet39ds", "--layers");
        assertThat(r.exitCode).as(r.err).isZero();
        List<String> table = r.out.lines().dropWhile(l -> !l.startsWith("LAYER")).toList();
        assertThat(table).anyMatch(l -> l.contains("conv3x3/g48"));
        assertThat(table).allMatch(l -> l.length() == table.getFirst().length(), "every row as wide as the header");
    }

    @Test
    void classifyingWithInitsRandomWeightsSaysTheResultsMeanNothing() throws Exception {
        Path weights = tmp.resolve("random.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", weights.toString(), "--classes", "10").exitCode).isZero();
        CliRun r = CliRun.of("classify", "--model", "hardnet39ds", "--weights", weights.toString(), "--top", "1",
                "--threads", "1", RefData.image("chelsea.png").toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err).isEqualTo("note: " + weights + " holds random weights (hardnet init): the results below mean nothing"
                + System.lineSeparator());
        assertThat(r.out).startsWith(RefData.image("chelsea.png").toString());
    }

    @Test
    void runNamesAFolderOrMissingFileGivenAsInput() {
        String weights = RefData.ref("hardnet39ds.safetensors").toString();
        Path output = tmp.resolve("out.npy");
        assertOneLineFailure(CliRun.of("run", "hardnet39ds", "--weights", weights, "--input", tmp.toString(), "--output", output.toString()),
                tmp + ": is a directory, not an .npy file");
        Path missing = tmp.resolve("in.npy");
        assertOneLineFailure(CliRun.of("run", "hardnet39ds", "--weights", weights, "--input", missing.toString(), "--output", output.toString()),
                missing + ": .npy file not found");
        assertThat(output).doesNotExist();
    }

    @Test
    void aFolderGivenAsWeightsIsNamedAsSuch() {
        assertOneLineFailure(CliRun.of("classify", "--model", "hardnet39ds", "--weights", tmp.toString(),
                RefData.image("chelsea.png").toString()), tmp + ": is a directory, not a weights file");
    }

    @Test
    void aTextFileGivenAsWeightsIsNamedAsNoWeightsFile() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "some notes about the weights\n");
        Path output = tmp.resolve("out.npy");
        assertOneLineFailure(CliRun.of("run", "hardnet39ds", "--weights", notes.toString(),
                        "--input", RefData.ref("hardnet39ds.input.npy").toString(), "--output", output.toString()),
                notes + ": not a safetensors file or a PyTorch checkpoint");
        assertThat(output).doesNotExist();
    }

    @Test
    void runningInitsRandomWeightsSaysTheResultsMeanNothing() throws Exception {
        Path weights = tmp.resolve("random.safetensors");
        assertThat(CliRun.of("init", "hardnet39ds", "--out", weights.toString(), "--classes", "10").exitCode).isZero();
        Path in = tmp.resolve("in.npy");
        Npy.write(in, Tensor.zeros(Shape.nchw(1, 3, 64, 64)));
        Path output = tmp.resolve("out.npy");
        CliRun r = CliRun.of("run", "hardnet39ds", "--weights", weights.toString(), "--input", in.toString(),
                "--output", output.toString(), "--threads", "1");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err).isEqualTo("note: " + weights + " holds random weights (hardnet init): the results below mean nothing"
                + System.lineSeparator());
        assertThat(output).exists();
    }

    @Test
    void anOutputInMissingFoldersGetsThemMade() {
        Path out = tmp.resolve("no/such/w.safetensors");
        CliRun r = CliRun.of("init", "hardnet39ds", "--out", out.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void aFileWhereAnOutputFolderShouldBeIsNamedAsAFileNotATemporary() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = notes.resolve("x.safetensors");
        assertOneLineFailure(CliRun.of("init", "hardnet39ds", "--out", out.toString()),
                out + ": cannot write: " + notes + " is a file, not a folder");
        Path output = notes.resolve("deeper/out.npy");
        assertOneLineFailure(CliRun.of("run", "hardnet39ds", "--weights", RefData.ref("hardnet39ds.safetensors").toString(),
                        "--input", RefData.ref("hardnet39ds.input.npy").toString(), "--output", output.toString()),
                output + ": cannot write: " + notes + " is a file, not a folder");
        assertThat(listing(tmp)).containsExactly("notes.txt");
    }

    /** Output folders are made only once the result is ready to be written. */
    @Test
    void aCommandThatFailsMakesNoOutputFolder() throws Exception {
        Path greyInput = tmp.resolve("grey.npy");
        Npy.write(greyInput, new Tensor(Shape.nchw(1, 1, 32, 32), new float[32 * 32]));
        String weights = RefData.ref("hardnet39ds.safetensors").toString();
        CliRun run = CliRun.of("run", "hardnet39ds", "--weights", weights, "--input", greyInput.toString(),
                "--output", tmp.resolve("new/out.npy").toString());
        assertThat(run.exitCode).as(run.err).isEqualTo(1);
        CliRun convert = CliRun.of("convert", RefData.ref("hardnet39ds.zip.pth").toString(), "--model", "hardnet68ds",
                "--out", tmp.resolve("new/h68.safetensors").toString());
        assertThat(convert.exitCode).as(convert.err).isEqualTo(1);
        CliRun export = CliRun.of("export", "hardnet68ds", "--weights", weights, "--out", tmp.resolve("new/h68.onnx").toString());
        assertThat(export.exitCode).as(export.err).isEqualTo(1);
        assertThat(listing(tmp)).containsExactly("grey.npy");
    }

    @Test
    void aFolderGivenAsOutputIsRefusedAndLeftAlone() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("weights"));
        assertOneLineFailure(CliRun.of("init", "hardnet39ds", "--out", folder.toString()),
                folder + ": is a directory, not a file");
        assertThat(listing(tmp)).containsExactly("weights");
        assertThat(listing(folder)).isEmpty();
    }

    @Test
    void oneBadImageAmongSeveralFailsBeforeAnyMaskIsWritten() throws Exception {
        Path notImage = Files.writeString(tmp.resolve("notes.png"), "hello");
        Path masks = tmp.resolve("masks");
        assertOneLineFailure(CliRun.of("segment", "--model", "fchardnet70", "--weights", RefData.ref("fchardnet70.safetensors").toString(),
                        "--out", masks.toString(), RefData.image("chelsea.png").toString(), notImage.toString()),
                notImage + " is not an image file ImageIO can decode (unknown or unsupported format)");
        assertThat(masks).doesNotExist();
    }

    @Test
    void aMissingImageAmongSeveralFailsTheDetectorBeforeItLoads() throws Exception {
        Path missing = tmp.resolve("missing.jpg");
        Path boxes = tmp.resolve("boxes");
        assertOneLineFailure(CliRun.of("detect", "--model", "ssd300-hardnet68", "--weights", tmp.resolve("none.safetensors").toString(),
                        "--out", boxes.toString(), RefData.image("chelsea.png").toString(), missing.toString()),
                missing + ": image file does not exist");
        assertThat(boxes).doesNotExist();
    }

    @Test
    void anOutputFolderThatCannotBeMadeFailsBeforeTheModelLoads() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path masks = file.resolve("masks");
        assertOneLineFailure(CliRun.of("segment", "--model", "fchardnet70", "--weights", tmp.resolve("none.safetensors").toString(),
                        "--out", masks.toString(), RefData.image("chelsea.png").toString(), RefData.image("coffee.png").toString()),
                masks.resolve("chelsea.png") + ": cannot write: " + file + " is a file, not a folder");
    }

    @Test
    void anOverlayThatCannotBeWrittenLeavesNoMaskBehind() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc, where no file can be created");
        Path image = smallImage("street.png");
        Path mask = tmp.resolve("o/mask.png");
        Path overlay = Path.of("/proc/overlay.png");
        CliRun r = CliRun.of("segment", image.toString(), "--model", "fchardnet70", "--weights", RefData.ref("fchardnet70.safetensors").toString(),
                "--out", mask.toString(), "--overlay", overlay.toString());
        assertThat(r.exitCode).as(r.err).isEqualTo(1);
        assertThat(r.err.lines().toList().getLast()).startsWith("hardnet: " + overlay + ": cannot write: ");
        assertThat(listing(tmp)).containsExactly("street.png");
    }

    @Test
    void anImageThatFailsToDecodeAfterAnotherWasSegmentedLeavesNoMaskOrOverlay() throws Exception {
        Path image = smallImage("street.png");
        byte[] png = Files.readAllBytes(smallImage("cut.png"));
        Path truncated = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2)); // its header reads fine
        CliRun r = CliRun.of("segment", image.toString(), truncated.toString(), "--model", "fchardnet70",
                "--weights", RefData.ref("fchardnet70.safetensors").toString(),
                "--out", tmp.resolve("out/masks").toString(), "--overlay", tmp.resolve("out/overlays").toString());
        assertThat(r.exitCode).as(r.err).isEqualTo(1);
        assertThat(r.err.lines().toList().getLast()).startsWith("hardnet: cannot decode image file " + truncated);
        assertThat(listing(tmp)).containsExactlyInAnyOrder("street.png", "cut.png");
    }

    @Test
    void twoOutputsIntoOneFileAreRefusedBeforeTheModelLoads() {
        Path both = tmp.resolve("both.png");
        assertOneLineFailure(CliRun.of("segment", "--model", "fchardnet70", "--weights", tmp.resolve("none.safetensors").toString(),
                        "--out", both.toString(), "--overlay", both.toString(), RefData.image("chelsea.png").toString()),
                both + " would be written twice: give each output option its own file or folder");
    }

    /** A 96x192 crop of a street scene, quick to segment. */
    private Path smallImage(String name) throws Exception {
        Path file = tmp.resolve(name);
        Images.writePng(file, Images.read(RefData.image("street01.jpg")).crop(500, 900, 96, 192).toBufferedImage());
        return file;
    }

    @Test
    void twoDetectImagesOfTheSameNameWouldOverwriteEachOther() {
        Path a = tmp.resolve("a/street.png");
        Path b = tmp.resolve("b/street.png");
        assertOneLineFailure(CliRun.of("detect", "--model", "ssd300-hardnet68", "--weights", "w.safetensors",
                        "--out", tmp.resolve("boxes").toString(), a.toString(), b.toString()),
                "two images are named street: their outputs would overwrite each other");
    }
}
