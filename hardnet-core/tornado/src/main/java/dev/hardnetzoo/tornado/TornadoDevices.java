package dev.hardnetzoo.tornado;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** The TornadoVM runtime as this backend sees it: is it loaded, which devices, which one to use. */
final class TornadoDevices {
    static final String DEVICE_PROPERTY = "hardnet.tornado.device";
    /** TornadoVM's per-graph bytecode buffer; a whole network needs far more than its 4 KiB default. */
    private static final String BYTECODE_PROPERTY = "tornado.tvm.maxbytecodesize";
    private static final String BYTECODE_BYTES = String.valueOf(1 << 20);
    private static final String NOT_STARTED = "the TornadoVM runtime is not loaded: start the JVM with the SDK's flags "
            + "(@$TORNADOVM_HOME/tornado-argfile; ./hardnet does this for --backend tornado)";

    /** TornadoVM runs a task graph it could not compile as sequential Java unless told not to: for KernelContext kernels that computes garbage silently. */
    private static final String BAILOUT_PROPERTY = "tornado.recover.bailout";

    static {
        // Read once when TornadoVM's options load, i.e. on the first runtime() call below.
        if (System.getProperty(BAILOUT_PROPERTY) == null) System.setProperty(BAILOUT_PROPERTY, "False");
    }

    private TornadoDevices() {}

    static Optional<String> unavailableReason() {
        try {
            int backends = runtime().getNumBackends();
            if (backends == 0) return Optional.of("TornadoVM found no backend (no OpenCL, PTX or SPIR-V driver)");
            for (int b = 0; b < backends; b++) {
                if (runtime().getBackend(b).getNumDevices() > 0) return Optional.empty();
            }
            return Optional.of("TornadoVM found no device");
        } catch (LinkageError | RuntimeException e) {
            return Optional.of(NOT_STARTED + " (" + e + ")");
        }
    }

    static void requireRuntime() {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("backend 'tornado' cannot run here: " + why);
        });
        if (System.getProperty(BYTECODE_PROPERTY) == null) System.setProperty(BYTECODE_PROPERTY, BYTECODE_BYTES);
    }

    /** One line per device: "B:D name (platform)", TornadoVM's default marked; or why there are none. */
    static List<String> describe() {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) return List.of("unavailable: " + why.get());
        List<String> out = new ArrayList<>();
        TornadoDevice chosen = device(null);
        for (int b = 0; b < runtime().getNumBackends(); b++) {
            TornadoBackend backend = runtime().getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice device = backend.getDevice(d);
                boolean isChosen = device.getDeviceName().equals(chosen.getDeviceName());
                out.add(id(b, d) + "  " + backend.getName() + " -- " + device.getPlatformName() + " -- "
                        + device.getDescription() + (isChosen ? "  (default)" : ""));
            }
        }
        return out;
    }

    /** Every device as "B:D" (TornadoVM backend index, device index), as {@code tornado --devices} numbers them. */
    static List<String> ids() {
        if (unavailableReason().isPresent()) return List.of();
        List<String> out = new ArrayList<>();
        for (int b = 0; b < runtime().getNumBackends(); b++) {
            for (int d = 0; d < runtime().getBackend(b).getNumDevices(); d++) out.add(id(b, d));
        }
        return out;
    }

    /** The device asked for: {@code id} when given, else -Dhardnet.tornado.device; null for TornadoVM's default. */
    static String requested(String id) {
        String spec = id != null ? id : System.getProperty(DEVICE_PROPERTY);
        return spec == null || spec.isBlank() ? null : spec.strip();
    }

    /** The device {@code id} ("B:D", one of {@link #ids()}), or TornadoVM's default when null. */
    static TornadoDevice device(String id) {
        if (id == null) return runtime().getDefaultDevice();
        String[] parts = id.split(":");
        return runtime().getBackend(Integer.parseInt(parts[0])).getDevice(Integer.parseInt(parts[1]));
    }

    private static String id(int backend, int device) {
        return backend + ":" + device;
    }

    private static TornadoRuntime runtime() {
        return TornadoRuntimeProvider.getTornadoRuntime();
    }
}
