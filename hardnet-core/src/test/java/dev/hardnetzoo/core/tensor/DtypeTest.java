package dev.hardnetzoo.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DtypeTest {

    private static float[] decode(Dtype d, ByteBuffer le, int count) {
        float[] out = new float[count + 1];
        d.decode(le.flip(), out, 1, count); // at an offset, to check it is honoured
        return out;
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void float16FromHandBuiltBytes() {
        ByteBuffer b = le(8).putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x7C00).putShort((short) 0x0001);
        assertThat(decode(Dtype.F16, b, 4)).containsExactly(0f, 1f, -2f, Float.POSITIVE_INFINITY, 0x1p-24f);
    }

    @Test
    void bfloat16IsTheHighHalfOfFloat32() {
        ByteBuffer b = le(6).putShort((short) 0x3F80).putShort((short) 0xC040).putShort((short) 0x7FC0);
        float[] out = decode(Dtype.BF16, b, 3);
        assertThat(out[1]).isEqualTo(1f);
        assertThat(out[2]).isEqualTo(-3f);
        assertThat(out[3]).isNaN();
    }

    @Test
    void float64IsNarrowed() {
        ByteBuffer b = le(16).putDouble(0.1).putDouble(-1e300);
        assertThat(decode(Dtype.F64, b, 2)).containsExactly(0f, 0.1f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void integersAndBool() {
        assertThat(decode(Dtype.I64, le(16).putLong(7).putLong(-3), 2)).containsExactly(0f, 7f, -3f);
        assertThat(decode(Dtype.I32, le(4).putInt(-5), 1)).containsExactly(0f, -5f);
        assertThat(decode(Dtype.I16, le(2).putShort((short) -2), 1)).containsExactly(0f, -2f);
        assertThat(decode(Dtype.I8, le(1).put((byte) -1), 1)).containsExactly(0f, -1f);
        assertThat(decode(Dtype.U8, le(1).put((byte) -1), 1)).containsExactly(0f, 255f);
        assertThat(decode(Dtype.BOOL, le(2).put((byte) 0).put((byte) 2), 2)).containsExactly(0f, 0f, 1f);
    }

    @Test
    void namesAndSizes() {
        assertThat(Dtype.named("BF16")).contains(Dtype.BF16);
        assertThat(Dtype.named("bf16")).isEmpty();
        assertThat(Dtype.named("F8_E4M3")).isEmpty();
        assertThat(Dtype.F64.size()).isEqualTo(8);
        assertThat(Dtype.F16.isFloat()).isTrue();
        assertThat(Dtype.I64.isFloat()).isFalse();
    }
}
