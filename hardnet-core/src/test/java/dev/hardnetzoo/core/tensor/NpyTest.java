package dev.hardnetzoo.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hardnetzoo.core.testsupport.RefData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir Path dir;

    /** A .npy file with the given version, header dict and raw data. */
    private Path npy(int major, String dict, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] header = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) len.putShort((short) header.length); else len.putInt(header.length);
        out.write(len.array());
        out.write(header);
        out.write(data);
        Path file = dir.resolve("t" + System.nanoTime() + ".npy");
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    private static String dict(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    @Test
    void roundTripsAndAlignsTheHeader() throws IOException {
        float[] data = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < data.length; i++) data[i] = i * 0.5f - 7;
        Path file = dir.resolve("x.npy");
        Npy.write(file, Tensor.of(data, 2, 3, 4, 5));

        Tensor back = Npy.read(file);
        assertThat(back.shape()).isEqualTo(Shape.of(2, 3, 4, 5));
        assertThat(back.data()).containsExactly(data);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[6]).isEqualTo((byte) 1);
        assertThat(bytes[7]).isEqualTo((byte) 0);
        int headerEnd = 10 + ((bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8);
        assertThat(headerEnd % 64).isZero();
        assertThat(bytes[headerEnd - 1]).isEqualTo((byte) '\n');
        assertThat(new String(bytes, 10, headerEnd - 10, StandardCharsets.ISO_8859_1))
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4, 5), }");
    }

    @Test
    void roundTripsRankOneAndScalar() throws IOException {
        Path file = dir.resolve("v.npy");
        Npy.write(file, Tensor.of(new float[] {1, 2, 3}, 3));
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains("'shape': (3,)");
        assertThat(Npy.read(file).shape()).isEqualTo(Shape.of(3));
        Npy.write(file, Tensor.of(new float[] {4}));
        assertThat(Npy.read(file).data()).containsExactly(4f);
        assertThat(Npy.read(file).shape().rank()).isZero();
    }

    @Test
    void readsFloat64AsFloat32() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-2.5);
        Tensor t = Npy.read(npy(1, dict("<f8", "False", "(2,)"), b.array()));
        assertThat(t.data()).containsExactly(0.1f, -2.5f);
    }

    @Test
    void readsVersionsTwoAndThree() throws IOException {
        assertThat(Npy.read(npy(2, dict("<f4", "False", "(1, 2)"), floats(1, 2))).data()).containsExactly(1f, 2f);
        assertThat(Npy.read(npy(3, dict("<f4", "False", "(2,)"), floats(3, 4))).data()).containsExactly(3f, 4f);
    }

    @Test
    void readsTheReferenceInput() throws IOException {
        Tensor t = Npy.read(RefData.ref("hardnet39ds.input.npy"));
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3, 224, 224));
        // Values as numpy reads them.
        assertThat(t.get(0, 0, 0, 0)).isEqualTo(-1.5255959f);
        assertThat(t.get(1, 2, 223, 223)).isEqualTo(0.3089901f);
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        Path f = npy(1, dict("<f4", "True", "(2,)"), floats(1, 2));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("fortran_order");
    }

    @Test
    void rejectsBigEndianAndOtherDtypes() throws IOException {
        Path big = npy(1, dict(">f4", "False", "(2,)"), floats(1, 2));
        assertThatThrownBy(() -> Npy.read(big)).hasMessageContaining(big.toString()).hasMessageContaining("big-endian");
        Path ints = npy(1, dict("<i4", "False", "(2,)"), floats(1, 2));
        assertThatThrownBy(() -> Npy.read(ints)).hasMessageContaining(ints.toString()).hasMessageContaining("'<i4'");
    }

    @Test
    void rejectsTruncatedAndOverlongData() throws IOException {
        Path shortData = npy(1, dict("<f4", "False", "(3,)"), floats(1, 2));
        assertThatThrownBy(() -> Npy.read(shortData)).isInstanceOf(IOException.class)
                .hasMessageContaining(shortData.toString()).hasMessageContaining("truncated");
        Path longData = npy(1, dict("<f4", "False", "(1,)"), floats(1, 2));
        assertThatThrownBy(() -> Npy.read(longData)).hasMessageContaining("unexpected bytes");
    }

    @Test
    void rejectsMalformedHeaders() throws IOException {
        for (String bad : new String[] {
                "{'descr': '<f4', 'fortran_order': False}",                       // no shape
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",   // negative dimension
                "{'descr': '<f4', 'fortran_order': False, 'shape': [2], }",       // list, not tuple
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", // extra key
                "__import__('os').system('true')",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk"}) {
            Path f = npy(1, bad, floats(1, 2));
            assertThatThrownBy(() -> Npy.read(f)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("header");
        }
    }

    @Test
    void rejectsBadMagicAndShortFiles() throws IOException {
        Path notNpy = dir.resolve("a.npy");
        Files.writeString(notNpy, "PK\3\4 this is a zip");
        assertThatThrownBy(() -> Npy.read(notNpy)).hasMessageContaining(notNpy.toString()).hasMessageContaining("magic");
        Path tiny = dir.resolve("b.npy");
        Files.write(tiny, new byte[] {(byte) 0x93, 'N', 'U'});
        assertThatThrownBy(() -> Npy.read(tiny)).isInstanceOf(IOException.class).hasMessageContaining(tiny.toString());
    }

    @Test
    void rejectsHeaderLengthPastTheEnd() throws IOException {
        Path f = npy(1, dict("<f4", "False", "(2,)"), floats(1, 2));
        byte[] bytes = Files.readAllBytes(f);
        bytes[8] = (byte) 0xFF;
        bytes[9] = (byte) 0xFF;
        Files.write(f, bytes);
        assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("exceeds the file size");
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path notADir = dir.resolve("plain");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> Npy.write(notADir.resolve("x.npy"), Tensor.of(new float[] {1}, 1)))
                .isInstanceOf(IOException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("plain");
        }
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }
}
