package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler with every way to name code closed except {@link TorchGlobals}' list:
 * GLOBAL and STACK_GLOBAL resolve through the allowlist (anything else fails, naming the
 * global, before it could be built), INST/OBJ/EXT opcodes are refused, BUILD only accepts
 * the harmless state torch attaches to OrderedDicts and tensors.
 *
 * <p>Pyrolite also trusts the pickle's sizes and keys; those opcodes are reimplemented here:
 * length-prefixed data is read as it arrives (a forged length cannot allocate gigabytes up
 * front), integers are bounded (BigInteger parsing is quadratic), and dict keys and set
 * members must be hashable as in Python: a list key would make Java hash the whole nested
 * structure, exponential in time for a pickle that shares sub-lists through its memo.
 */
final class SafeUnpickler extends Unpickler {
    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';
    private static final short OBJ = 'o';
    private static final short BUILD = 'b';
    private static final short EMPTY_DICT = '}';
    private static final short EXT1 = 0x82;
    private static final short EXT2 = 0x83;
    private static final short EXT4 = 0x84;
    private static final short BINSTRING = 'T';
    private static final short BINUNICODE = 'X';
    private static final short BINBYTES = 'B';
    private static final short BINUNICODE8 = 0x8d;
    private static final short BINBYTES8 = 0x8e;
    private static final short BYTEARRAY8 = 0x96;
    private static final short LONG = 'L';
    private static final short LONG4 = 0x8b;
    private static final short SETITEM = 's';
    private static final short SETITEMS = 'u';
    private static final short DICT = 'd';
    private static final short FROZENSET = 0x91;
    private static final short ADDITEMS = 0x90;
    private static final int MAX_LINE = 256;
    /** Bytes of the longest integer accepted; a state_dict holds nothing near a 1024-bit number. */
    private static final int MAX_LONG_BYTES = 128;

    private final Function<Object[], Object> persistentIds;

    /** {@code persistentIds} turns a persistent id tuple into the object it stands for (a storage). */
    SafeUnpickler(Function<Object[], Object> persistentIds) {
        this.persistentIds = persistentIds;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case GLOBAL -> {
                String module = readLine(input, "GLOBAL");
                String name = readLine(input, "GLOBAL");
                stack.add(allowed(module, name));
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL with non-string operands");
                }
                stack.add(allowed(m, n));
            }
            case INST, OBJ, EXT1, EXT2, EXT4 -> throw new UnsafePickleException("opcode 0x" + Integer.toHexString(key)
                    + " (class instantiation) is not allowed in a checkpoint");
            // Pyrolite's dicts are HashMaps (and it gathers SETITEMS into one first); a state_dict keeps its order.
            case EMPTY_DICT -> stack.add(new LinkedHashMap<Object, Object>());
            case BUILD -> {
                stack.pop(); // the state
                Object target = stack.peek();
                // OrderedDict state is the state_dict's _metadata (version numbers); tensors may carry empty state.
                if (!(target instanceof Map<?, ?>) && !(target instanceof TensorRef)) {
                    throw new UnsafePickleException("BUILD on " + Pickles.describe(target) + " is not allowed");
                }
            }
            case BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(lengthPrefixed(4, Integer.MAX_VALUE)));
            case BINUNICODE -> stack.add(new String(lengthPrefixed(4, Integer.MAX_VALUE), StandardCharsets.UTF_8));
            case BINUNICODE8 -> stack.add(new String(lengthPrefixed(8, Integer.MAX_VALUE), StandardCharsets.UTF_8));
            case BINBYTES -> stack.add(lengthPrefixed(4, Integer.MAX_VALUE));
            case BINBYTES8, BYTEARRAY8 -> stack.add(lengthPrefixed(8, Integer.MAX_VALUE));
            case LONG4 -> stack.add(PickleUtils.decode_long(lengthPrefixed(4, MAX_LONG_BYTES)));
            case LONG -> {
                String digits = readLine(input, "LONG");
                if (digits.endsWith("L")) digits = digits.substring(0, digits.length() - 1);
                stack.add(PickleUtils.optimizeBigint(new BigInteger(digits)));
            }
            case SETITEM -> {
                Object value = stack.pop();
                Object k = hashable(stack.pop());
                dict(stack.peek()).put(k, value);
            }
            case SETITEMS -> putPairs(stack.pop_all_since_marker(), dict(stack.peek()));
            case DICT -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(stack.pop_all_since_marker(), map);
                stack.add(map);
            }
            case FROZENSET -> {
                Set<Object> set = new HashSet<>();
                for (Object o : stack.pop_all_since_marker()) set.add(hashable(o));
                stack.add(set);
            }
            case ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Set<?> target)) throw new PickleException("ADDITEMS on " + Pickles.describe(stack.peek()));
                @SuppressWarnings("unchecked") Set<Object> set = (Set<Object>) target;
                for (Object o : items) set.add(hashable(o));
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** Python refuses lists, dicts and sets as keys; so do we, before Java hashes them. */
    static Object hashable(Object key) {
        if (key instanceof Collection<?> || key instanceof Map<?, ?>) {
            throw new PickleException("unhashable " + Pickles.describe(key) + " used as a dict key or set member");
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target) {
        if (!(target instanceof Map<?, ?> map)) throw new PickleException("SETITEM on " + Pickles.describe(target));
        return (Map<Object, Object>) map;
    }

    /** Keys and values alternate; insertion order is kept (an OrderedDict's order is the state_dict's). */
    private static void putPairs(List<Object> items, Map<Object, Object> into) {
        if (items.size() % 2 != 0) throw new PickleException("odd number of items for a dict");
        for (int i = 0; i < items.size(); i += 2) into.put(hashable(items.get(i)), items.get(i + 1));
    }

    /** Reads a little-endian length of {@code width} bytes, then that many bytes as they arrive. */
    private byte[] lengthPrefixed(int width, int max) throws IOException {
        byte[] prefix = input.readNBytes(width);
        if (prefix.length != width) throw new java.io.EOFException("pickle ends inside a length");
        long length = width == 4
                ? ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL
                : ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (length < 0 || length > max) throw new PickleException("length " + Long.toUnsignedString(length) + " out of range");
        // readNBytes grows its buffer with the data actually read, so a forged length costs nothing.
        byte[] data = input.readNBytes((int) length);
        if (data.length != length) throw new java.io.EOFException("pickle ends inside a " + length + "-byte value");
        return data;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple)) throw new PickleException("persistent id is not a tuple: " + Pickles.describe(pid));
        return persistentIds.apply(tuple);
    }

    private static IObjectConstructor allowed(String module, String name) {
        IObjectConstructor c = TorchGlobals.resolve(module, name);
        if (c == null) throw new UnsafePickleException("refused global '" + Pickles.brief(module + "." + name) + "'");
        return c;
    }

    private static String readLine(InputStream in, String opcode) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new PickleException("unexpected end of pickle in " + opcode);
            if (sb.length() >= MAX_LINE) throw new PickleException(opcode + " argument longer than " + MAX_LINE + " characters");
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** The pickle asked for something outside the allowlist: never a format error, always a refusal. */
    static final class UnsafePickleException extends PickleException {
        UnsafePickleException(String message) {
            super(message);
        }
    }
}
