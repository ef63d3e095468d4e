package dev.hardnetzoo.core.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A compiled model is shared by many threads: 8 threads x 50 inferences, alternating two
 * models and several inputs, all at once; every output must be bit-identical to the one the
 * same model gives the same input on a single thread.
 */
@Tag("slow")
class ConcurrentInferenceTest {
    private static final int THREADS = 8;
    private static final int RUNS_PER_THREAD = 50;
    private static final int INPUTS = 4;

    @Test
    void eightThreadsTimesFiftyInferencesOfTwoModelsMatchTheSingleThreadedOutputs() throws Exception {
        Shape shape = Shape.nchw(1, 3, 64, 64);
        List<Tensor> inputs = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < INPUTS; i++) {
            float[] data = new float[(int) shape.size()];
            for (int j = 0; j < data.length; j++) data[j] = (float) random.nextGaussian();
            inputs.add(new Tensor(shape, data));
        }
        try (Model a = load("hardnet39ds"); Model b = load("hardnet68ds")) {
            Model[] models = {a, b};
            float[][][] expected = new float[2][INPUTS][];
            for (int m = 0; m < 2; m++) {
                for (int i = 0; i < INPUTS; i++) expected[m][i] = models[m].run(inputs.get(i)).data();
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger compared = new AtomicInteger();
            long began = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        start.await();
                        for (int r = 0; r < RUNS_PER_THREAD; r++) {
                            int m = (thread + r) % 2;
                            int i = (thread * 7 + r) % INPUTS;
                            float[] out = models[m].run(inputs.get(i)).data();
                            int at = Arrays.mismatch(out, expected[m][i]);
                            if (at >= 0) {
                                throw new AssertionError(models[m].spec().id() + " thread " + thread + " run " + r
                                        + " differs at " + at + ": " + (at < out.length ? out[at] : "length") );
                            }
                            compared.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : workers) w.get();
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("concurrency: %d threads x %d runs of hardnet39ds+hardnet68ds at 64x64: %d outputs identical"
                    + " to single-threaded, %.1f s%n", THREADS, RUNS_PER_THREAD, compared.get(), seconds);
            assertThat(compared.get()).isEqualTo(THREADS * RUNS_PER_THREAD);
        }
    }

    private static Model load(String id) throws Exception {
        return ModelZoo.load(id, RefData.ref(id + ".safetensors"), Backends.DEFAULT, new BackendOptions(2));
    }
}
