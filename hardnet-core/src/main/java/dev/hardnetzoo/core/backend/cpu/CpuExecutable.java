package dev.hardnetzoo.core.backend.cpu;

import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * A graph compiled for the CPU: a list of steps over one activation arena laid out by the
 * memory plan. Concurrent calls each take an arena from a small pool, so runs never share
 * buffers; the thread pool is shared.
 */
final class CpuExecutable implements Executable {
    private final Graph graph;
    private final MemoryPlan plan;
    private final List<CpuStepCompiler.Compiled> steps;
    private final StepProfile profile; // null unless -Dhardnet.cpu.profile=true or =cpu
    private final ThreadPoolParallel parallel;
    private final ConcurrentLinkedQueue<float[]> arenas = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    CpuExecutable(MemoryPlan plan, List<CpuStepCompiler.Compiled> compiled, ThreadPoolParallel parallel) {
        this.graph = plan.graph();
        this.plan = plan;
        this.steps = List.copyOf(compiled);
        this.profile = StepProfile.ENABLED ? new StepProfile(compiled.stream().map(CpuStepCompiler.Compiled::label).toList()) : null;
        this.parallel = parallel;
    }

    @Override
    public Shape inputShape() {
        return graph.inputShape();
    }

    @Override
    public List<Tensor> run(Tensor input) {
        if (closed) throw new IllegalStateException("executable is closed");
        requireInputShape(input);
        float[] arena = arena(input);
        try {
            if (profile == null) {
                for (CpuStepCompiler.Compiled c : steps) c.step().run(arena, parallel);
            } else {
                runTimed(arena);
            }
            List<Tensor> outputs = new ArrayList<>();
            for (int id : graph.outputs()) outputs.add(copyOut(arena, plan.slice(id)));
            return outputs;
        } finally {
            arenas.offer(arena);
        }
    }

    @Override
    public List<LayerTime> timeLayers(Tensor input, int runs) {
        if (closed) throw new IllegalStateException("executable is closed");
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        requireInputShape(input);
        long[] nanos = new long[steps.size()];
        for (int r = 0; r < runs; r++) {
            float[] arena = arena(input);
            try {
                runSteps(arena, nanos, System::nanoTime);
            } finally {
                arenas.offer(arena);
            }
        }
        List<LayerTime> times = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            CpuStepCompiler.Compiled c = steps.get(i);
            times.add(new LayerTime(c.node(), c.strategy(), c.input(), nanos[i] / 1e6 / runs));
        }
        return times;
    }

    /** A free arena (from the pool, or new) holding {@code input} in the graph input's slice. */
    private float[] arena(Tensor input) {
        float[] arena = arenas.poll();
        if (arena == null) arena = new float[(int) plan.arenaFloats()];
        Slice in = plan.slice(0);
        System.arraycopy(input.data(), 0, arena, in.offset(), input.size());
        return arena;
    }

    private void runTimed(float[] arena) {
        long[] nanos = new long[steps.size()];
        runSteps(arena, nanos, StepProfile::now);
        profile.add(nanos);
    }

    /** Runs every step, adding each one's time on {@code clock} to {@code nanos}. */
    private void runSteps(float[] arena, long[] nanos, LongSupplier clock) {
        for (int i = 0; i < nanos.length; i++) {
            long t0 = clock.getAsLong();
            steps.get(i).step().run(arena, parallel);
            nanos[i] += clock.getAsLong() - t0;
        }
    }

    private void requireInputShape(Tensor input) {
        if (!input.shape().equals(inputShape())) {
            throw new IllegalArgumentException("input shape " + input.shape() + " does not match the compiled shape " + inputShape());
        }
    }

    private static Tensor copyOut(float[] arena, Slice s) {
        Tensor t = Tensor.zeros(s.shape());
        int perItem = (int) s.shape().perItem();
        for (int n = 0; n < s.shape().n(); n++) {
            System.arraycopy(arena, s.offset() + n * s.batchStride(), t.data(), n * perItem, perItem);
        }
        return t;
    }

    @Override
    public void close() {
        if (!closed && profile != null) System.err.print(profile.report());
        closed = true;
        arenas.clear();
        parallel.close();
    }
}
