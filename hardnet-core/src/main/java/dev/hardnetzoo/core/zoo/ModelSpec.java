package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.weights.Weights;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything the zoo knows about one model besides its weights.
 *
 * @param id                 the name users type ({@code hardnet68}); unique across all providers
 * @param task               what the model does (classification, segmentation, detection), which
 *                           decides the commands and task APIs that take it
 * @param description        one line for {@code hardnet models} and {@code info}
 * @param defaultInput       input the model was trained at, [1, C, H, W]
 * @param minInputSize       the smallest height/width the strides allow
 * @param defaultClasses     class count when no weights say otherwise
 * @param classCountTensor   the weight whose first dimension is the class count (times {@code classCountDivisor})
 * @param labels             class names, or empty
 * @param preprocessing      how an image becomes the model's input
 * @param checkpointKeys     renames legacy checkpoint keys to the official names (identity for most)
 * @param architecture       builds the graph for an input shape and a class count; called for
 *                           every shape a model runs at, so it must take any size from
 *                           {@code minInputSize} up
 * @param classCountDivisor  how many rows of {@code classCountTensor} one class has (SSD's first
 *                           class head predicts every class for each of its 6 boxes: 6; else 1)
 */
public record ModelSpec(String id, Task task, String description, Shape defaultInput, int minInputSize,
                        int defaultClasses, String classCountTensor, List<String> labels,
                        Preprocessing preprocessing, UnaryOperator<String> checkpointKeys,
                        Architecture architecture, int classCountDivisor) {

    public ModelSpec {
        labels = List.copyOf(labels);
        if (classCountDivisor < 1) throw new IllegalArgumentException("classCountDivisor must be positive");
    }

    /** A spec whose class-count tensor has one row per class. */
    public ModelSpec(String id, Task task, String description, Shape defaultInput, int minInputSize,
                     int defaultClasses, String classCountTensor, List<String> labels,
                     Preprocessing preprocessing, UnaryOperator<String> checkpointKeys, Architecture architecture) {
        this(id, task, description, defaultInput, minInputSize, defaultClasses, classCountTensor, labels,
                preprocessing, checkpointKeys, architecture, 1);
    }

    /**
     * An ImageNet-1k classifier trained as torchvision trains them: 224x224 input (at least 32x32,
     * after five stride-2 stages), 1000 classes with ImageNet labels, resize 256 / centre crop 224.
     */
    public static ModelSpec imagenetClassifier(String id, String description, String classifierWeight,
                                               UnaryOperator<String> checkpointKeys, Architecture architecture) {
        return new ModelSpec(id, Task.CLASSIFICATION, description, Shape.nchw(1, 3, 224, 224), 32, 1000,
                classifierWeight, Labels.imagenet1k(), Preprocessing.imagenet(), checkpointKeys, architecture);
    }

    /** The class count that weights whose class-count tensor has {@code rows} rows were trained for. */
    public int classesFromRows(int rows) {
        if (rows % classCountDivisor != 0) {
            throw new IllegalArgumentException(id + ": tensor " + classCountTensor + " has " + rows
                    + " rows, not a multiple of " + classCountDivisor);
        }
        return rows / classCountDivisor;
    }

    /** The class count the weights were trained for: the first dimension of the class-count tensor (over the divisor). */
    public int classCount(Weights weights) {
        return weights.names().contains(classCountTensor)
                ? classesFromRows(weights.shape(classCountTensor).dim(0)) : defaultClasses;
    }

    /** The graph at the default input size and class count. */
    public dev.hardnetzoo.core.graph.Graph defaultGraph() {
        return architecture.build(defaultInput, defaultClasses);
    }
}
