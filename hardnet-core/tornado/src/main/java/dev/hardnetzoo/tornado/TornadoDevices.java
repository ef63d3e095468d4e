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

    /** One line per device: "B:D name (platform)", the default marked; or why there are none. */
    static List<String> describe() {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) return List.of("unavailable: " + why.get());
        List<String> out = new ArrayList<>();
        TornadoDevice chosen = selected();
        for (int b = 0; b < runtime().getNumBackends(); b++) {
            TornadoBackend backend = runtime().getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice device = backend.getDevice(d);
                boolean isChosen = device.getDeviceName().equals(chosen.getDeviceName());
                out.add(b + ":" + d + "  " + backend.getName() + " -- " + device.getPlatformName() + " -- "
                        + device.getDescription() + (isChosen ? "  (used)" : ""));
            }
        }
        return out;
    }

    /** The device named by -Dhardnet.tornado.device=B:D, else TornadoVM's default. */
    static TornadoDevice selected() {
        String spec = System.getProperty(DEVICE_PROPERTY);
        if (spec == null || spec.isBlank()) return runtime().getDefaultDevice();
        String[] parts = spec.strip().split(":");
        try {
            if (parts.length != 2) throw new NumberFormatException();
            int b = Integer.parseInt(parts[0]);
            int d = Integer.parseInt(parts[1]);
            if (b < 0 || b >= runtime().getNumBackends() || d < 0 || d >= runtime().getBackend(b).getNumDevices()) {
                throw new IllegalArgumentException("-D" + DEVICE_PROPERTY + "=" + spec + " names no device; `hardnet devices` lists them");
            }
            return runtime().getBackend(b).getDevice(d);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + DEVICE_PROPERTY + " must be BACKEND:DEVICE (e.g. 0:1), got '" + spec + "'");
        }
    }

    private static TornadoRuntime runtime() {
        return TornadoRuntimeProvider.getTornadoRuntime();
    }
}
