package dev.hardnetzoo.core.zoo;

import dev.hardnetzoo.core.image.Preprocessing;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.weights.Weights;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything the zoo knows about one model besides its weights.
 *
 * @param id                 the name users type ({@code hardnet68})
 * @param defaultInput       input the model was trained at, [1, C, H, W]
 * @param minInputSize       the smallest height/width the strides allow
 * @param defaultClasses     class count when no weights say otherwise
 * @param classCountTensor   the weight whose first dimension is the class count
 * @param labels             class names, or empty
 * @param preprocessing      how an image becomes the model's input
 * @param checkpointKeys     renames legacy checkpoint keys to the official names (identity for most)
 */
public record ModelSpec(String id, Task task, String description, Shape defaultInput, int minInputSize,
                        int defaultClasses, String classCountTensor, List<String> labels,
                        Preprocessing preprocessing, UnaryOperator<String> checkpointKeys,
                        Architecture architecture) {

    public ModelSpec {
        labels = List.copyOf(labels);
    }

    /** The class count the weights were trained for: the first dimension of the classifier tensor. */
    public int classCount(Weights weights) {
        return weights.names().contains(classCountTensor) ? weights.shape(classCountTensor).dim(0) : defaultClasses;
    }

    /** The graph at the default input size and class count. */
    public dev.hardnetzoo.core.graph.Graph defaultGraph() {
        return architecture.build(defaultInput, defaultClasses);
    }
}
