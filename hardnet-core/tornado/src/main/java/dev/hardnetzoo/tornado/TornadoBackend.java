package dev.hardnetzoo.tornado;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.exceptions.TornadoBailoutRuntimeException;

/**
 * Runs a whole network on a TornadoVM device (OpenCL here; PTX/SPIR-V where the SDK has them)
 * as a chain of TaskGraphs. The device is {@link BackendOptions#device()} ({@code B:D}: backend
 * and device index as {@code tornado --devices} prints them), else {@code -Dhardnet.tornado.device=B:D},
 * else TornadoVM's default.
 * Found through ServiceLoader; needs the JVM started with the SDK's flags.
 */
public final class TornadoBackend implements Backend {

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public Optional<String> unavailableReason() {
        return TornadoDevices.unavailableReason();
    }

    @Override
    public List<String> devices() {
        return TornadoDevices.describe();
    }

    @Override
    public List<String> deviceIds() {
        return TornadoDevices.ids();
    }

    @Override
    public Executable compile(Graph graph, Map<String, float[]> params, BackendOptions options) {
        TornadoDevices.requireRuntime();
        String id = TornadoDevices.requested(options.device());
        Backends.requireDevice(this, id);
        TornadoDevice device = TornadoDevices.device(id);
        int splitK = SplitK.targetGroups(device.getDeviceType() == TornadoDeviceType.GPU);
        DeviceProgram program = StepEncoder.encode(MemoryPlanner.plan(graph), params, splitK);
        try {
            return new TornadoExecutable(program, device);
        } catch (TornadoBailoutRuntimeException e) {
            throw withClassLoaderHint(e);
        }
    }

    /**
     * TornadoVM reads each kernel's class file through the system class loader: from a child
     * loader (a fat jar's, an application server's, a test launcher's) it finds none, and
     * compiling fails with a bare "Class reader could not be instantiated". Say what to do.
     */
    private static RuntimeException withClassLoaderHint(TornadoBailoutRuntimeException e) {
        if (String.valueOf(e.getMessage()).contains("Class reader could not be instantiated")) {
            return new IllegalStateException("TornadoVM could not read the class file of " + Kernels.class.getName()
                    + " through the system class loader: put hardnet-tornado on the JVM's class path, not in a child "
                    + "class loader (a fat jar's or an application server's). TornadoVM said: "
                    + e.getMessage().replaceAll("\u001B\\[[0-9;]*m", ""), e);
        }
        return e;
    }
}
