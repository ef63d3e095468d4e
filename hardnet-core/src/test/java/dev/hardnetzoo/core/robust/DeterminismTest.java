package dev.hardnetzoo.core.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.RefData;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelZoo;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same input gives bit-identical outputs on every run, before and after the JIT compiles
 * the kernels: the premise of the concurrency test, and what makes results reproducible
 * (Vector API reductions in unspecified order once broke it by a few ULPs).
 */
class DeterminismTest {

    @Test
    void repeatedRunsAreBitIdenticalAsTheKernelsWarmUp() throws Exception {
        Shape shape = Shape.nchw(1, 3, 32, 32);
        float[] data = new float[(int) shape.size()];
        Random random = new Random(5);
        for (int i = 0; i < data.length; i++) data[i] = (float) random.nextGaussian();
        Tensor input = new Tensor(shape, data);
        try (Model m = ModelZoo.load("hardnet39ds", RefData.ref("hardnet39ds.safetensors"), Backends.DEFAULT, new BackendOptions(1))) {
            float[] first = m.run(input).data();
            for (int run = 1; run < 60; run++) {
                assertThat(Arrays.mismatch(m.run(input).data(), first)).as("first differing logit of run %d", run).isEqualTo(-1);
            }
        }
    }
}
