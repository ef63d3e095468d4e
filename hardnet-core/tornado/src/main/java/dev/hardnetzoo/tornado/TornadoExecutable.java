package dev.hardnetzoo.tornado;

import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.tornado.DeviceProgram.Step;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoBailoutRuntimeException;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * A whole network as a chain of TaskGraphs in one execution plan (one graph per
 * {@value #TASKS_PER_GRAPH} layers): constants, step descriptions and the activation arena go to
 * the device on the first run and stay there, handed from graph to graph (persist/consume); each
 * run moves only the input in and the outputs out. Runs are serialised (one device arena).
 */
final class TornadoExecutable implements Executable {
    /** Work-group size; every launch is padded to a multiple and kernels skip the padding. */
    private static final int LOCAL_SIZE = Kernels.WORK_GROUP;
    /** Tasks per TaskGraph: TornadoVM 5.2 holds about 1024 graph nodes and 8 KiB of task code per graph. */
    private static final int TASKS_PER_GRAPH = 48;
    private static final AtomicInteger GRAPHS = new AtomicInteger();
    /** -Dhardnet.tornado.profile=true: TornadoVM prints each graph run's timings, kernel time per task (METHOD names the kernel). */
    static final String PROFILE_PROPERTY = "hardnet.tornado.profile";

    private final DeviceProgram program;
    private final Shape inputShape;
    private final FloatArray input;
    private final FloatArray output;
    private final TornadoExecutionPlan executionPlan;
    private final int graphCount;
    private boolean closed;

    private TornadoExecutable(DeviceProgram program, TornadoDevice device) {
        this.program = program;
        this.inputShape = program.plan().graph().inputShape();
        this.input = new FloatArray(Math.toIntExact(inputShape.size()));
        this.output = new FloatArray(program.outputFloats());
        FloatArray arena = new FloatArray(Math.max(program.deviceArenaFloats(), 1));
        FloatArray constants = FloatArray.fromArray(program.constants());
        KernelContext ctx = new KernelContext();

        String name = "hardnet" + GRAPHS.incrementAndGet();
        List<List<Step>> chunks = chunks(program.steps());
        List<ImmutableTaskGraph> graphs = new ArrayList<>();
        GridScheduler grids = new GridScheduler();
        String previous = null;
        for (int c = 0; c < chunks.size(); c++) {
            String graphName = name + "_" + c;
            TaskGraph graph = new TaskGraph(graphName);
            if (previous == null) {
                graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, constants, arena)
                        .transferToDevice(DataTransferMode.EVERY_EXECUTION, input);
            } else {
                graph.consumeFromDevice(previous, constants, arena);
            }
            int t = 0;
            for (Step s : chunks.get(c)) {
                String task = "s" + t++;
                IntArray meta = IntArray.fromArray(s.description(program.meta()));
                graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, meta);
                addTask(graph, task, s, ctx, arena, constants, meta);
                WorkerGrid1D grid = new WorkerGrid1D(roundUp(s.workItems()));
                grid.setLocalWork(LOCAL_SIZE, 1, 1);
                grids.addWorkerGrid(graphName + "." + task, grid);
            }
            if (c < chunks.size() - 1) {
                graph.persistOnDevice(constants, arena);
            } else {
                graph.transferToHost(DataTransferMode.EVERY_EXECUTION, output);
            }
            graphs.add(graph.snapshot());
            previous = graphName;
        }
        this.graphCount = graphs.size();
        TornadoExecutionPlan plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new))
                .withGridScheduler(grids)
                .withDevice(device);
        this.executionPlan = Boolean.getBoolean(PROFILE_PROPERTY) ? plan.withProfiler(ProfilerMode.CONSOLE) : plan;
    }

    /**
     * The executable for a program on a device. Here rather than in {@link TornadoBackend}: a
     * catch clause makes the verifier load its exception class, and TornadoBackend must load
     * without TornadoVM on the path (it is how the CLI finds out the SDK is missing).
     */
    static TornadoExecutable create(DeviceProgram program, TornadoDevice device) {
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

    private void addTask(TaskGraph graph, String task, Step s, KernelContext ctx, FloatArray arena, FloatArray constants, IntArray meta) {
        switch (s.kernel()) {
            case COPY_IN -> graph.task(task, Kernels::copyIn, ctx, input, arena, meta);
            case COPY_OUT -> graph.task(task, Kernels::copyOut, ctx, arena, output, meta);
            case CONV2D -> graph.task(task, Kernels::conv2d, ctx, arena, constants, meta);
            case TILED_CONV -> graph.task(task, Kernels::tiledConv, ctx, arena, constants, meta);
            case SPLIT_K_SUM -> graph.task(task, Kernels::splitKSum, ctx, arena, constants, meta);
            case TILED_DEPTHWISE -> graph.task(task, Kernels::tiledDepthwise, ctx, arena, constants, meta);
            case CONV_TRANSPOSE -> graph.task(task, Kernels::convTranspose2d, ctx, arena, constants, meta);
            case CROP -> graph.task(task, Kernels::crop, ctx, arena, constants, meta);
            case L2_NORM -> graph.task(task, Kernels::l2Norm, ctx, arena, constants, meta);
            case CHANNELS_LAST -> graph.task(task, Kernels::channelsLast, ctx, arena, constants, meta);
            case BLOCK_COPY -> graph.task(task, Kernels::blockCopy, ctx, arena, constants, meta);
            case POOL -> graph.task(task, Kernels::pool, ctx, arena, constants, meta);
            case GLOBAL_AVG_POOL -> graph.task(task, Kernels::globalAvgPool, ctx, arena, constants, meta);
            case CHANNEL_AFFINE -> graph.task(task, Kernels::channelAffine, ctx, arena, constants, meta);
            case ADD -> graph.task(task, Kernels::add, ctx, arena, constants, meta);
            case COPY -> graph.task(task, Kernels::copy, ctx, arena, constants, meta);
            case RESIZE -> graph.task(task, Kernels::resize, ctx, arena, constants, meta);
            case RESIZE_NEAREST -> graph.task(task, Kernels::resizeNearest, ctx, arena, constants, meta);
            case LINEAR -> graph.task(task, Kernels::linear, ctx, arena, constants, meta);
            case SOFTMAX -> graph.task(task, Kernels::softmax, ctx, arena, constants, meta);
        }
    }

    /**
     * Consecutive steps in groups TornadoVM can hold in one TaskGraph (its graph and bytecode
     * buffers are fixed-size); the output copies all go in the last group, which alone moves
     * the output buffer back to the host.
     */
    static List<List<Step>> chunks(List<Step> steps) {
        List<List<Step>> out = new ArrayList<>();
        List<Step> current = new ArrayList<>();
        List<Step> outputs = new ArrayList<>();
        for (Step s : steps) {
            if (s.kernel() == DeviceProgram.Kernel.COPY_OUT) {
                outputs.add(s);
                continue;
            }
            if (current.size() == TASKS_PER_GRAPH) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(s);
        }
        current.addAll(outputs);
        out.add(current);
        return out;
    }

    private static int roundUp(int items) {
        return Math.addExact(items, LOCAL_SIZE - 1) / LOCAL_SIZE * LOCAL_SIZE;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public synchronized List<Tensor> run(Tensor in) {
        if (closed) throw new IllegalStateException("executable is closed");
        if (!in.shape().equals(inputShape)) {
            throw new IllegalArgumentException("input shape " + in.shape() + " does not match the compiled shape " + inputShape);
        }
        MemorySegment.copy(in.data(), 0, input.getSegment(), ValueLayout.JAVA_FLOAT, 0, in.size());
        // One graph at a time: TornadoVM hands persisted buffers to the next graph only after the
        // previous one ran as the plan's selected graph.
        for (int g = 0; g < graphCount; g++) executionPlan.withGraph(g).execute();
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; i < program.outputShapes().size(); i++) {
            Tensor t = Tensor.zeros(program.outputShapes().get(i));
            MemorySegment.copy(output.getSegment(), ValueLayout.JAVA_FLOAT, (long) program.outputOffsets()[i] * Float.BYTES,
                    t.data(), 0, t.size());
            outputs.add(t);
        }
        return outputs;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            executionPlan.freeDeviceMemory();
            executionPlan.close();
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("could not release the device buffers: " + e.getMessage(), e);
        }
    }
}
