package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.backend.Backend;
import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.plan.MemoryPlanner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/** The embedded default: pure Java, multi-threaded, runs anywhere a JVM does. */
public final class CpuBackend implements Backend {
    private static final AtomicBoolean SLOWDOWN_LOGGED = new AtomicBoolean();

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public List<String> devices() {
        VectorSupport.requestedBits(); // as in compile: a bad width refused before describe() loads VectorGemm
        return List.of("this CPU: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.arch") + ", " + VectorSupport.describe() + " (--threads sets how many to use)");
    }

    @Override
    public Executable compile(Graph graph, Map<String, float[]> params, BackendOptions options) {
        VectorSupport.requestedBits(); // a bad -Dhardnet.cpu.vector.bits is refused here, not as a class-initialisation error
        // A missing JVM option costs 10x without failing anything: say so once, in the application's log.
        VectorSupport.slowdown().filter(why -> !SLOWDOWN_LOGGED.getAndSet(true))
                .ifPresent(why -> LoggerFactory.getLogger(CpuBackend.class).warn(why));
        MemoryPlan plan = MemoryPlanner.plan(graph, ArenaAlignment.LEADING_FLOATS);
        var steps = new CpuStepCompiler(plan, params).compile();
        return new CpuExecutable(plan, steps, new ThreadPoolParallel(options.threads()));
    }
}
