package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hardnetzoo.core.backend.BackendOptions;
import dev.hardnetzoo.core.backend.Backends;
import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.testsupport.Parity;
import dev.hardnetzoo.core.weights.RandomWeights;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.ModelSpec;
import dev.hardnetzoo.core.zoo.ModelZoo;
import dev.hardnetzoo.core.testsupport.TestResources;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our SSDs against the official PytorchSSD-HarDNet code on the same random weights
 * (src/test/resources/ref/MANIFEST.md): raw offsets and logits, the priors, and the detections
 * of the official post-processing for a 640x480 image.
 */
class SsdParityTest {
    private static final int IMAGE_W = 640;
    private static final int IMAGE_H = 480;

    @Test
    void ssd300Hardnet68VocMatchesPyTorch() throws Exception {
        check("ssd300-hardnet68", 21, 300, 1, 1);
    }

    @Test
    @Tag("slow")
    void ssd512Hardnet68CocoMatchesPyTorch() throws Exception {
        check("ssd512-hardnet68", 81, 512, 8, 16);
    }

    private static void check(String id, int classes, long seed, int priorStride, int rowStride) throws Exception {
        ModelSpec spec = ModelZoo.get(id);
        int size = spec.defaultInput().h();
        Graph graph = spec.architecture().build(spec.defaultInput(), classes);
        Map<String, float[]> params = RandomWeights.arrays(graph, seed);
        SsdPostProcessor post = new SsdPostProcessor(PriorConfig.forModel(size, classes), classes,
                DetectionLabels.forClasses(classes));

        float[] refPriors = TestResources.refNpy(id + ".priors.npy").data();
        assertThat(Arrays.mismatch(strided(post.priors(), 4, priorStride), refPriors)).isEqualTo(-1);

        Tensor raw;
        try (Model model = Model.of(spec, classes, params, Backends.get(Backends.DEFAULT), BackendOptions.defaults())) {
            raw = model.run(hashInput(size));
        }
        int row = 4 + classes;
        Tensor refRaw = TestResources.refNpy(id + ".raw.npy");
        float[] ours = strided(raw.data(), row, rowStride);
        Parity.assertClose(new Tensor(refRaw.shape(), ours), refRaw, 1e-4f);

        float[] ref = TestResources.refNpy(id + ".detections.npy").data();
        List<Detection> dets = post.detect(raw.data(), 0, IMAGE_W, IMAGE_H, DetectionSettings.official());
        assertThat(dets).hasSize(ref.length / 6);
        float lowest = Float.MAX_VALUE;
        for (int i = 0; i < ref.length; i += 6) lowest = Math.min(lowest, ref[i + 5]);
        int matched = 0;
        for (int i = 0; i < ref.length; i += 6) {
            int at = i;
            boolean found = dets.stream().anyMatch(d -> d.classId() == (int) ref[at] && Math.abs(d.score() - ref[at + 5]) < 1e-4
                    && close(d.x1(), ref[at + 1]) && close(d.y1(), ref[at + 2])
                    && close(d.x2(), ref[at + 3]) && close(d.y2(), ref[at + 4]));
            // Near the per-image cut, float noise may swap which of two equal scores survives.
            if (found) matched++;
            else assertThat(ref[i + 5]).as("unmatched reference detection %s: %s; ours of that class: %s", i / 6,
                    Arrays.toString(Arrays.copyOfRange(ref, i, i + 6)),
                    dets.stream().filter(d -> d.classId() == (int) ref[at]).toList()).isLessThan(lowest + 1e-4f);
        }
        assertThat(matched).isGreaterThan(ref.length / 6 * 9 / 10);
    }

    /** Boxes agree to 0.05 px or 1e-4 of their coordinate (decoding exponentiates the offsets). */
    private static boolean close(float a, float b) {
        return Math.abs(a - b) <= Math.max(0.05f, 1e-4f * Math.abs(b));
    }

    /** Small values (h - 128) / 1024, h the top byte of a multiplicative hash of the flat index, as make_ssd_refs.py. */
    static Tensor hashInput(int size) {
        Shape shape = Shape.nchw(1, 3, size, size);
        float[] x = new float[(int) shape.size()];
        for (int i = 0; i < x.length; i++) x[i] = (((i * 2654435761L) & 0xFFFFFFFFL) >>> 24) / 1024f - 0.125f;
        return new Tensor(shape, x);
    }

    /** Every {@code stride}-th row of rows of {@code rowLength}. */
    private static float[] strided(float[] rows, int rowLength, int stride) {
        int count = (rows.length / rowLength + stride - 1) / stride;
        float[] out = new float[count * rowLength];
        for (int r = 0; r < count; r++) System.arraycopy(rows, r * stride * rowLength, out, r * rowLength, rowLength);
        return out;
    }
}
