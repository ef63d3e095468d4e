package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.image.Images;
import dev.hardnetzoo.core.image.OpenCvResize;
import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.image.RgbImage;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import dev.hardnetzoo.core.zoo.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images in, labelled boxes out: the reference test transform (OpenCV bilinear resize to the
 * model's square input, BGR, mean subtraction), the model, then {@link SsdPostProcessor}.
 * Thread-safe when its model is.
 *
 * <pre>{@code
 * try (Model model = ModelZoo.load("ssd512-hardnet68", Path.of("ssd512.safetensors"))) {
 *     for (Detection d : new Detector(model).detect(Path.of("street.jpg"))) System.out.println(d);
 * }
 * }</pre>
 */
public final class Detector {
    private final Model model;
    private final DetectionSettings settings;
    private final SsdPostProcessor post;
    private final Preprocessing toTensor;
    private final int size;

    public Detector(Model model) {
        this(model, DetectionSettings.official());
    }

    public Detector(Model model, DetectionSettings settings) {
        if (model.spec().task() != Task.DETECTION) {
            throw new IllegalArgumentException(model.spec().id() + " is a " + model.spec().task().label() + " model, not a detector");
        }
        this.model = model;
        this.settings = settings;
        this.size = model.spec().defaultInput().h();
        int classes = model.numClasses();
        this.post = new SsdPostProcessor(PriorConfig.forModel(size, classes), classes, DetectionLabels.forClasses(classes));
        Preprocessing p = model.spec().preprocessing();
        this.toTensor = new Preprocessing(0, 0, 0, 0, 0, p.channelOrder(), p.scale(), p.mean(), p.std());
    }

    public Detector withSettings(DetectionSettings s) {
        return new Detector(model, s);
    }

    public DetectionSettings settings() { return settings; }

    /** Class names by output index, background first. */
    public List<String> labels() { return DetectionLabels.forClasses(model.numClasses()); }

    public List<Detection> detect(Path image) throws IOException {
        return detect(Images.read(image));
    }

    public List<Detection> detect(RgbImage image) {
        return detectAll(List.of(image)).get(0);
    }

    /** The model's input for these images: each resized to the square input as OpenCV does, BGR, minus the means. */
    public Tensor preprocess(List<RgbImage> images) {
        return toTensor.applyAll(images.stream().map(im -> OpenCvResize.linear(im, size, size)).toList());
    }

    /** One batch through the model; one list per image, best score first. */
    public List<List<Detection>> detectAll(List<RgbImage> images) {
        if (images.isEmpty()) throw new IllegalArgumentException("no images to detect in");
        Tensor raw = model.run(preprocess(images));
        if (raw.size() != (long) images.size() * post.priorCount() * (4 + model.numClasses())) {
            throw new IllegalStateException(model.spec().id() + " gave " + raw.shape() + ", not " + post.priorCount()
                    + " priors of " + (4 + model.numClasses()) + " values per image");
        }
        List<List<Detection>> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(post.detect(raw.data(), i, images.get(i).width(), images.get(i).height(), settings));
        }
        return out;
    }
}
