package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Images in, top-K labelled classes out, with the model's own preprocessing. */
public final class ImageClassifier {
    private final Model model;

    public ImageClassifier(Model model) {
        if (model.spec().task() != Task.CLASSIFICATION) {
            throw new IllegalArgumentException(model.spec().id() + " is a " + model.spec().task().label() + " model, not a classifier");
        }
        this.model = model;
    }

    public List<Classification> classify(Path image, int topK) throws IOException {
        return classify(Images.read(image), topK);
    }

    public List<Classification> classify(RgbImage image, int topK) {
        Tensor input = model.spec().preprocessing().apply(image);
        return topK(model.run(input).data(), topK);
    }

    /** Softmax over logits, then the K most likely classes, most likely first. */
    public List<Classification> topK(float[] logits, int k) {
        if (k < 1) throw new IllegalArgumentException("top-K needs K >= 1, got " + k);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) sum += e[i] = Math.exp(logits[i] - max);
        double total = sum;
        List<Classification> out = new ArrayList<>();
        IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -e[i]))
                .limit(k)
                .forEach(i -> out.add(new Classification(i, label(i), (float) (e[i] / total))));
        return out;
    }

    private String label(int index) {
        List<String> labels = model.spec().labels();
        return labels.size() == model.numClasses() ? labels.get(index) : "class " + index;
    }
}
