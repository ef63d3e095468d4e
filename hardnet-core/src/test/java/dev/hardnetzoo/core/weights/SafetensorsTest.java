package dev.hardnetzoo.core.weights;

import static dev.hardnetzoo.core.weights.RawSafetensors.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    private Path raw(String json, byte[] data) throws IOException {
        return RawSafetensors.write(dir.resolve("raw.safetensors"), json, data);
    }

    /** Opening must fail with a WeightsException naming the file and {@code mentions}. */
    private static void assertRejected(Path file, String... mentions) {
        assertThatThrownBy(() -> Safetensors.open(file)).isInstanceOf(WeightsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContainingAll(mentions);
    }

    @Test
    void roundTripsTensorsInOrderWithMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.of(new float[] {1, -2, 3.5f, 4, 5, 6}, 2, 3));
        tensors.put("a.bias", Tensor.of(new float[] {0.25f}, 1));
        tensors.put("empty", Tensor.of(new float[0], 0, 4));
        tensors.put("scalar", Tensor.of(new float[] {9}));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, tensors, Map.of("model", "test"));

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        try (Weights w = Safetensors.open(file)) {
            assertThat(w.source()).isEqualTo(file.toString());
            assertThat(w.names()).containsExactly("z.weight", "a.bias", "empty", "scalar");
            assertThat(w.metadata()).containsExactly(Map.entry("model", "test"));
            for (var e : tensors.entrySet()) {
                assertThat(w.dtype(e.getKey())).isEqualTo("F32");
                assertThat(w.shape(e.getKey())).isEqualTo(e.getValue().shape());
                Tensor back = w.tensor(e.getKey());
                assertThat(back.shape()).isEqualTo(e.getValue().shape());
                assertThat(back.data()).containsExactly(e.getValue().data());
            }
        }
    }

    @Test
    void writesNoMetadataBlockWhenThereIsNone() throws IOException {
        Path file = dir.resolve("n.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(new float[] {1}, 1)), null);
        try (Weights w = Safetensors.open(file)) {
            assertThat(w.metadata()).isEmpty();
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
                    .doesNotContain("__metadata__");
        }
    }

    @Test
    void readsTheReferenceHardnet39ds() {
        try (Weights w = Safetensors.open(RefData.ref("hardnet39ds.safetensors"))) {
            assertThat(w.names()).hasSize(446);
            assertThat(w.names()).first().isEqualTo("base.0.conv.weight");
            assertThat(w.shape("base.0.conv.weight")).isEqualTo(Shape.of(24, 3, 3, 3));
            assertThat(w.tensor("base.0.conv.weight").data()).startsWith(0.01763519f, -0.19669162f);
            assertThat(w.metadata()).containsEntry("model", "hardnet39ds");
            assertThat(w.names()).filteredOn(n -> n.endsWith(".num_batches_tracked")).hasSize(74)
                    .allSatisfy(n -> assertThat(w.dtype(n)).isEqualTo("I64"));
            Tensor tracked = w.tensor("base.0.norm.num_batches_tracked");
            assertThat(tracked.shape().rank()).isZero();
            assertThat(tracked.data()).containsExactly(0f);
        }
    }

    @Test
    void convertsHalfBfloatDoubleAndIntegers() throws IOException {
        ByteBuffer data = le(2 * 2 + 2 * 2 + 8 + 8)
                .putShort((short) 0x3C00).putShort((short) 0xC500)  // F16 1, -5
                .putShort((short) 0x3F80).putShort((short) 0x4049)  // BF16 1, 3.140625
                .putDouble(0.1)                                     // F64
                .putLong(12345);                                    // I64
        Path file = raw("""
                {"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},
                 "b":{"dtype":"BF16","shape":[1,2],"data_offsets":[4,8]},
                 "d":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},
                 "n":{"dtype":"I64","shape":[],"data_offsets":[16,24]}}""", data.array());
        try (Weights w = Safetensors.open(file)) {
            assertThat(w.tensor("h").data()).containsExactly(1f, -5f);
            assertThat(w.tensor("b").data()).containsExactly(1f, 3.140625f);
            assertThat(w.tensor("b").shape()).isEqualTo(Shape.of(1, 2));
            assertThat(w.tensor("d").data()).containsExactly(0.1f);
            assertThat(w.tensor("n").data()).containsExactly(12345f);
            assertThat(w.dtype("h")).isEqualTo("F16");
        }
    }

    @Test
    void unknownTensorAndUseAfterClose() throws IOException {
        Path file = dir.resolve("c.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(new float[] {1, 2}, 2)), Map.of());
        Weights w = Safetensors.open(file);
        assertThatThrownBy(() -> w.tensor("y")).isInstanceOf(WeightsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'y'");
        w.tensor("x"); // mapped, so close has something to unmap
        w.close();
        w.close(); // idempotent
        assertThatThrownBy(() -> w.tensor("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(w::names).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.shape("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 0, 0});
        assertRejected(tiny, "too short");

        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("w", Tensor.of(new float[] {1, 2, 3, 4}, 4)), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 4));
        assertRejected(cut, "'w'", "outside the data section");
    }

    @Test
    void rejectsHeaderLengthPastTheFileOrTheLimit() throws IOException {
        byte[] json = "{}".getBytes();
        assertRejected(RawSafetensors.write(dir.resolve("a.safetensors"), 1000, json, new byte[0]), "exceeds the file size");
        assertRejected(RawSafetensors.write(dir.resolve("b.safetensors"), Safetensors.MAX_HEADER + 1, json, new byte[0]),
                "exceeds the limit");
        assertRejected(RawSafetensors.write(dir.resolve("c.safetensors"), -1, json, new byte[0]),
                Long.toUnsignedString(-1));
    }

    @Test
    void rejectsCorruptJson() throws IOException {
        assertRejected(raw("{\"w\": {\"dtype\": \"F32\", ", new byte[0]), "malformed header JSON");
        assertRejected(raw("[1, 2]", new byte[0]), "not a JSON object");
        assertRejected(raw("{} {}", new byte[0]), "malformed header JSON");
    }

    @Test
    void rejectsDuplicateNames() throws IOException {
        assertRejected(raw("""
                {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
                 "w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]), "Duplicate", "'w'");
    }

    @Test
    void rejectsOverlappingRanges() throws IOException {
        assertRejected(raw("""
                {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
                 "b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", new byte[12]), "'b'", "overlapping tensor 'a'");
    }

    @Test
    void allowsEmptyTensorsAtAnyOffset() throws IOException {
        Path file = raw("""
                {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
                 "e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}""", new byte[8]);
        try (Weights w = Safetensors.open(file)) {
            assertThat(w.tensor("e").shape()).isEqualTo(Shape.of(0, 3));
        }
    }

    @Test
    void rejectsOffsetsPastTheEnd() throws IOException {
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[8]),
                "'a'", "outside the data section");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", new byte[8]),
                "'a'", "outside the data section");
    }

    @Test
    void rejectsWrongByteLengthForShape() throws IOException {
        assertRejected(raw("{\"a\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "'a'", "has 8 bytes", "needs 6");
    }

    @Test
    void rejectsBadEntries() throws IOException {
        assertRejected(raw("{\"a\":{\"dtype\":\"F8_E5M2\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]),
                "'a'", "unknown dtype");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "'a'", "data_offsets");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]),
                "'a'", "invalid dimension");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4]),
                "'a'", "invalid dimension");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,4]}}", new byte[4]), "'a'", "overflows");
        assertRejected(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]),
                "'a'", "[begin, end]");
        assertRejected(raw("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__", "'k'");
    }

    @Test
    void failedWritesLeaveNothingBehind() throws IOException {
        Path notADir = dir.resolve("plain");
        Files.writeString(notADir, "x");
        Map<String, Tensor> one = Map.of("x", Tensor.of(new float[] {1}, 1));
        assertThatThrownBy(() -> Safetensors.write(notADir.resolve("w.safetensors"), one, Map.of()))
                .isInstanceOf(IOException.class);

        Path existing = dir.resolve("w.safetensors");
        Safetensors.write(existing, one, Map.of());
        byte[] before = Files.readAllBytes(existing);
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("ok", Tensor.of(new float[] {1}, 1));
        withNull.put("bad", null);
        assertThatThrownBy(() -> Safetensors.write(existing, withNull, Map.of())).hasMessageContaining("'bad'");
        assertThatThrownBy(() -> Safetensors.write(existing, Map.of("__metadata__", Tensor.of(new float[] {1}, 1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Safetensors.write(existing, new ThrowingMap(), Map.of()))
                .hasMessageContaining("iteration failed");

        assertThat(Files.readAllBytes(existing)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(List.of("plain", "w.safetensors"));
        }
    }

    /** A map whose iteration fails, as a lazily computed map might. */
    private static final class ThrowingMap extends AbstractMap<String, Tensor> {
        @Override public Set<Entry<String, Tensor>> entrySet() {
            throw new IllegalStateException("iteration failed");
        }
    }

    /** Read, not mapped: nothing of the file stays in the address space, and closing lets it go. */
    @Test
    void readingMapsNothingAndCloseReleasesTheFile() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isReadable(maps) && Files.isDirectory(fds), "needs Linux /proc/self to see mappings and open files");
        Path file = dir.resolve("read.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(new float[1 << 16], 1 << 16)), Map.of());
        Weights w = Safetensors.open(file);
        assertThat(w.tensor("x").data()).hasSize(1 << 16);
        assertThat(Files.readString(maps)).doesNotContain(file.toString());
        assertThat(openFiles(fds)).contains(file.toRealPath().toString());
        w.close();
        assertThat(openFiles(fds)).doesNotContain(file.toRealPath().toString());
        assertThatThrownBy(() -> w.tensor("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed");
    }

    /** Where this process's open file descriptors point. */
    private static List<String> openFiles(Path fds) throws IOException {
        try (Stream<Path> s = Files.list(fds)) {
            return s.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // closed meanwhile (the listing's own descriptor)
                }
            }).toList();
        }
    }

    @Test
    void tensorsLargerThanOneReadAreReadWhole() throws IOException {
        // 20 MiB of float32, past the 16 MiB read size: the second read must continue where the first stopped.
        int n = 5 << 20;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = i;
        Path file = dir.resolve("large.safetensors");
        Safetensors.write(file, Map.of("big", Tensor.of(values, n)), Map.of());
        try (Weights w = Safetensors.open(file)) {
            assertThat(w.tensor("big").data()).isEqualTo(values);
        }
    }
}
