package dev.hardnetzoo.core.hostile;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle opcodes by hand, to build the pickles {@code torch.save} writes and the
 * hostile ones it never would. Each method appends one opcode (or a small fixed sequence).
 */
public final class PickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PickleBuilder proto(int version) { return op(0x80).b(version); }
    public PickleBuilder mark() { return op('('); }
    public PickleBuilder stop() { return op('.'); }
    public PickleBuilder tuple() { return op('t'); }
    public PickleBuilder emptyTuple() { return op(')'); }
    public PickleBuilder emptyDict() { return op('}'); }
    public PickleBuilder emptyList() { return op(']'); }
    public PickleBuilder list() { return op('l'); }
    public PickleBuilder append() { return op('a'); }
    public PickleBuilder setItem() { return op('s'); }
    public PickleBuilder reduce() { return op('R'); }
    public PickleBuilder binPersId() { return op('Q'); }
    public PickleBuilder none() { return op('N'); }
    public PickleBuilder newFalse() { return op(0x89); }
    public PickleBuilder memoize() { return op(0x94); }
    public PickleBuilder dup() { return op('2'); }

    /** GLOBAL: {@code module.name} written as two text lines. */
    public PickleBuilder global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** STACK_GLOBAL with both names pushed as strings first (protocol 4). */
    public PickleBuilder stackGlobal(String module, String name) {
        return unicode(module).unicode(name).op(0x93);
    }

    /** BINUNICODE. */
    public PickleBuilder unicode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return op('X').int32(utf8.length).raw(utf8);
    }

    /** BINUNICODE whose length field says {@code declared} but whose bytes are {@code actual}. */
    public PickleBuilder unicodeClaiming(long declared, byte[] actual) {
        return op('X').int32((int) declared).raw(actual);
    }

    /** BININT (signed 32-bit), or LONG1 for values outside it. */
    public PickleBuilder integer(long v) {
        if (v == (int) v) return op('J').int32((int) v);
        byte[] be = BigInteger.valueOf(v).toByteArray();
        op(0x8a).b(be.length);
        for (int i = be.length - 1; i >= 0; i--) b(be[i] & 0xFF); // little-endian two's complement
        return this;
    }

    /** LONG1 of an arbitrary (e.g. 80-bit) integer. */
    public PickleBuilder bigInteger(BigInteger v) {
        byte[] be = v.toByteArray();
        op(0x8a).b(be.length);
        for (int i = be.length - 1; i >= 0; i--) b(be[i] & 0xFF);
        return this;
    }

    public PickleBuilder tupleOf(long... values) {
        mark();
        for (long v : values) integer(v);
        return tuple();
    }

    /**
     * One state_dict entry: {@code name → _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}
     * where the storage is the persistent id ('storage', torch.{type}, key, 'cpu', numel[, None]).
     */
    public PickleBuilder tensorEntry(String name, String storageType, String key, long numel, boolean legacyPid,
                                     long offset, long[] size, long[] stride) {
        unicode(name);
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().unicode("storage").global("torch", storageType).unicode(key).unicode("cpu").integer(numel);
        if (legacyPid) none();
        tuple().binPersId();
        integer(offset).tupleOf(size).tupleOf(stride).newFalse();
        global("collections", "OrderedDict").emptyTuple().reduce();
        tuple().reduce();
        return setItem();
    }

    public PickleBuilder op(int opcode) { return b(opcode); }

    public PickleBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() { return out.toByteArray(); }

    private PickleBuilder b(int v) {
        out.write(v);
        return this;
    }

    private PickleBuilder int32(int v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }
}
