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
        return TornadoExecutable.create(program, device);
    }
}
