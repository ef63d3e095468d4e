package dev.hardnetzoo.tornado;

import dev.hardnetzoo.core.plan.MemoryPlan;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.List;

/**
 * A planned graph lowered to device steps: which kernel runs over how many work-items, with
 * its integer description at {@code meta[metaBase, metaBase + metaLength)}. {@code constants} holds every weight, bias and
 * scale the kernels read; {@code outputOffsets} says where each graph output starts in the
 * dense output buffer of {@code outputFloats} floats. Holds no TornadoVM object, so the
 * lowering is independent of the runtime. {@code deviceArenaFloats} is the plan's arena plus the
 * split-K scratch region after it.
 */
record DeviceProgram(MemoryPlan plan, List<Step> steps, int[] meta, float[] constants,
                     List<Shape> outputShapes, int[] outputOffsets, int outputFloats, int deviceArenaFloats) {

    enum Kernel {
        COPY_IN, CONV2D, TILED_CONV, SPLIT_K_SUM, TILED_DEPTHWISE, CONV_TRANSPOSE, CROP, L2_NORM, CHANNELS_LAST, BLOCK_COPY, POOL, GLOBAL_AVG_POOL, CHANNEL_AFFINE, ADD, COPY, RESIZE, RESIZE_NEAREST, LINEAR, SOFTMAX, COPY_OUT
    }

    /** One kernel launch; {@code node} names the graph node it computes (for errors and traces). */
    record Step(Kernel kernel, int metaBase, int metaLength, int workItems, String node) {

        int[] description(int[] meta) {
            return java.util.Arrays.copyOfRange(meta, metaBase, metaBase + metaLength);
        }
    }
}
