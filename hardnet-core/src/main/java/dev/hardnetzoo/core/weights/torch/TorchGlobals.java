package dev.hardnetzoo.core.weights.torch;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * The only Python globals a checkpoint may name, as {@code torch.load(weights_only=True)}
 * allows: what a state_dict needs (tensor rebuild functions, typed storages, OrderedDict,
 * plain containers). Each maps to a Java constructor that builds data and runs nothing.
 */
final class TorchGlobals {
    private TorchGlobals() {}

    /** A storage class named in a persistent id; calling it is never legitimate. */
    record StorageClass(StorageType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage class " + type + " may not be called");
        }
    }

    private static final Map<String, IObjectConstructor> ALLOWED = allowed();

    /** The constructor for {@code module.name}, or null when that global is not allowed. */
    static IObjectConstructor resolve(String module, String name) {
        if (module.equals("torch")) {
            var storage = StorageType.named(name);
            if (storage.isPresent()) return new StorageClass(storage.get());
        }
        return ALLOWED.get(module + "." + name);
    }

    private static Map<String, IObjectConstructor> allowed() {
        Map<String, IObjectConstructor> m = new LinkedHashMap<>();
        m.put("collections.OrderedDict", args -> new LinkedHashMap<Object, Object>());
        m.put("builtins.set", args -> set(args));
        m.put("__builtin__.set", m.get("builtins.set"));
        m.put("torch.Size", args -> args.length == 0 ? new Object[0] : args[0]);
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        m.put("torch._utils._rebuild_tensor_v2", TorchGlobals::tensor);
        // _rebuild_tensor(storage, storage_offset, size, stride): checkpoints of PyTorch before 1.0
        m.put("torch._utils._rebuild_tensor", TorchGlobals::tensor);
        // _rebuild_parameter(data, requires_grad, backward_hooks[, state]): a Parameter is its data here
        m.put("torch._utils._rebuild_parameter", TorchGlobals::parameter);
        m.put("torch._utils._rebuild_parameter_with_state", TorchGlobals::parameter);
        return Map.copyOf(m);
    }

    private static Object set(Object[] args) {
        HashSet<Object> set = new HashSet<>();
        if (args.length == 0) return set;
        if (!(args[0] instanceof List<?> items)) throw new PickleException("set() of " + Pickles.describe(args[0]));
        for (Object o : items) set.add(SafeUnpickler.hashable(o));
        return set;
    }

    private static Object tensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("malformed tensor record: expected (storage, offset, size, stride, ...)");
        }
        Object[] size = tuple(args[2], "size");
        Object[] stride = tuple(args[3], "stride");
        if (size.length != stride.length) throw new PickleException("tensor size and stride differ in rank");
        int[] dims = new int[size.length];
        long[] strides = new long[size.length];
        for (int i = 0; i < size.length; i++) {
            long d = number(size[i], "size");
            if (d < 0 || d > Integer.MAX_VALUE) throw new PickleException("tensor dimension " + d + " out of range");
            dims[i] = (int) d;
            strides[i] = number(stride[i], "stride");
            if (strides[i] < 0) throw new PickleException("negative tensor stride " + strides[i]);
        }
        return new TensorRef(storage, number(args[1], "storage offset"), dims, strides);
    }

    private static Object parameter(Object[] args) {
        if (args.length < 1) throw new PickleException("malformed parameter record: no data");
        return args[0];
    }

    private static Object[] tuple(Object o, String what) {
        if (o instanceof Object[] t) return t;
        throw new PickleException("tensor " + what + " is not a tuple");
    }

    static long number(Object o, String what) {
        if (o instanceof Integer i) return i;
        if (o instanceof Long l) return l;
        throw new PickleException(what + " is not an integer: " + Pickles.describe(o));
    }
}
