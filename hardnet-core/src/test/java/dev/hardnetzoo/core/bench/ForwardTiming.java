package dev.hardnetzoo.core.bench;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Times whole forward passes of a zoo model on random weights, on the CPU backend:
 * {@code ForwardTiming [model] [size] [batch] [threads] [iters]} prints min and median wall ms and
 * the process CPU ms per forward (steadier than wall time on a shared machine).
 * Run with the test class path (see hardnet-core's {@code jmh} profile for the command).
 */
public final class ForwardTiming {
    private ForwardTiming() {}

    /** Mirrors the backend's rule: the module is present and -Dhardnet.cpu.vector=false is not given. */
    private static boolean vectorKernels() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equalsIgnoreCase(System.getProperty("hardnet.cpu.vector"));
    }

    /** Zoo model {@code id} on random weights (seed 1), on the default backend with {@code threads} threads. */
    static Model randomModel(String id, int threads) {
        ModelSpec spec = ModelZoo.get(id);
        Map<String, float[]> params = RandomWeights.arrays(spec.defaultGraph(), 1);
        return Model.of(spec, spec.defaultClasses(), params, Backends.get(Backends.DEFAULT), new BackendOptions(threads));
    }

    /** An input of uniform random values (seed 7). */
    static Tensor randomInput(Shape shape) {
        Tensor input = Tensor.zeros(shape);
        Random rnd = new Random(7);
        for (int i = 0; i < input.data().length; i++) input.data()[i] = rnd.nextFloat();
        return input;
    }

    /** Wall milliseconds of each of {@code count} forward passes, in order. */
    static double[] timedRuns(Model model, Tensor input, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            model.run(input);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    public static void main(String[] args) {
        String id = args.length > 0 ? args[0] : "hardnet68";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        int iters = args.length > 4 ? Integer.parseInt(args[4]) : 20;

        Tensor input = randomInput(Shape.nchw(batch, 3, size, size));
        try (Model model = randomModel(id, threads)) {
            for (int i = 0; i < Math.max(3, iters / 4); i++) model.run(input); // compile + JIT warm-up
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            double[] ms = timedRuns(model, input, iters);
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / iters;
            Arrays.sort(ms);
            System.out.printf("%s %dx%d batch %d, %d thread(s): min %.1f ms, median %.1f ms, %.1f CPU ms per forward"
                    + " (%d runs, Vector API kernels %s)%n", id, size, size, batch, threads, ms[0], ms[iters / 2], cpuMs,
                    iters, vectorKernels() ? "on" : "off");
        }
    }
}
