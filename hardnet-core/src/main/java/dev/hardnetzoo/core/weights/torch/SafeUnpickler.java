package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler with every way to name code closed except {@link TorchGlobals}' list:
 * GLOBAL and STACK_GLOBAL resolve through the allowlist (anything else fails, naming the
 * global, before it could be built), INST/OBJ/EXT opcodes are refused, BUILD only accepts
 * the harmless state torch attaches to OrderedDicts and tensors.
 */
final class SafeUnpickler extends Unpickler {
    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';
    private static final short OBJ = 'o';
    private static final short BUILD = 'b';
    private static final short EMPTY_DICT = '}';
    private static final short SETITEMS = 'u';
    private static final short EXT1 = 0x82;
    private static final short EXT2 = 0x83;
    private static final short EXT4 = 0x84;
    private static final int MAX_LINE = 256;

    private final Function<Object[], Object> persistentIds;

    /** {@code persistentIds} turns a persistent id tuple into the object it stands for (a storage). */
    SafeUnpickler(Function<Object[], Object> persistentIds) {
        this.persistentIds = persistentIds;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case GLOBAL -> {
                String module = readLine(input);
                String name = readLine(input);
                stack.add(allowed(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL with non-string operands");
                }
                stack.add(allowed(m, n));
                return NO_RETURN_VALUE;
            }
            case INST, OBJ, EXT1, EXT2, EXT4 -> throw new UnsafePickleException("opcode 0x" + Integer.toHexString(key)
                    + " (class instantiation) is not allowed in a checkpoint");
            // Pyrolite gathers SETITEMS into a HashMap first; a state_dict keeps its order.
            case EMPTY_DICT -> {
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            case SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0 || !(stack.peek() instanceof Map<?, ?> target)) {
                    throw new PickleException("SETITEMS without a dict and key/value pairs");
                }
                @SuppressWarnings("unchecked") Map<Object, Object> dict = (Map<Object, Object>) target;
                for (int i = 0; i < items.size(); i += 2) dict.put(items.get(i), items.get(i + 1));
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                // OrderedDict state is the state_dict's _metadata (version numbers); tensors may carry empty state.
                if (!(target instanceof Map<?, ?>) && !(target instanceof TensorRef)) {
                    throw new UnsafePickleException("BUILD on " + describe(target) + " is not allowed");
                }
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple)) throw new PickleException("persistent id is not a tuple: " + describe(pid));
        return persistentIds.apply(tuple);
    }

    private static IObjectConstructor allowed(String module, String name) {
        IObjectConstructor c = TorchGlobals.resolve(module, name);
        if (c == null) throw new UnsafePickleException("refused global '" + module + "." + name + "'");
        return c;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new PickleException("unexpected end of pickle in GLOBAL");
            if (sb.length() >= MAX_LINE) throw new PickleException("GLOBAL name longer than " + MAX_LINE + " characters");
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** The pickle asked for something outside the allowlist: never a format error, always a refusal. */
    static final class UnsafePickleException extends PickleException {
        UnsafePickleException(String message) {
            super(message);
        }
    }
}
