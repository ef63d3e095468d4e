package dev.hardnetzoo.examples.backbone;

import dev.hardnetzoo.core.graph.Graph;
import dev.hardnetzoo.core.graph.GraphBuilder;
import dev.hardnetzoo.core.graph.GraphBuilder.Scope;
import dev.hardnetzoo.core.graph.GraphBuilder.Value;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.zoo.Architecture;
import dev.hardnetzoo.core.zoo.ModelProvider;
import dev.hardnetzoo.core.zoo.ModelSpec;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * ResNet-18 and ResNet-50 as torchvision's {@code models/resnet.py} builds them (ResNet v1.5:
 * the stride sits on the bottleneck's 3x3), parameter names = torchvision's state_dict keys.
 * This one file is everything a new backbone needs: the configuration, the builder, and the
 * {@link ModelProvider} listed in {@code META-INF/services} that puts it in the zoo.
 */
public final class ResNet implements ModelProvider {

    /** A row of torchvision's table: residual block type and blocks per stage. */
    public record Config(String id, boolean bottleneck, int[] blocks) {}

    public static final Config RESNET18 = new Config("resnet18", false, new int[] {2, 2, 2, 2});
    public static final Config RESNET50 = new Config("resnet50", true, new int[] {3, 4, 6, 3});

    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    @Override
    public List<ModelSpec> models() {
        return List.of(spec(RESNET18, "ResNet-18 (torchvision), ImageNet classifier"),
                spec(RESNET50, "ResNet-50 (torchvision), ImageNet classifier; the HarDNet paper's main comparison"));
    }

    private static ModelSpec spec(Config cfg, String description) {
        return ModelSpec.imagenetClassifier(cfg.id(), description, "fc.weight", UnaryOperator.identity(),
                (input, classes) -> build(cfg, input, classes));
    }

    /** The classifier for {@code input} (NCHW, 3 channels) with {@code numClasses} outputs. */
    public static Graph build(Config cfg, Shape input, int numClasses) {
        Architecture.requireRgbInput(cfg.id(), input, numClasses);
        GraphBuilder b = new GraphBuilder(input);
        Value x = b.conv2d("conv1", b.input(), 64, 7, 2, 3, 1, 1, false);
        x = b.relu("relu", b.batchNorm("bn1", x));
        x = b.maxPool("maxpool", x, 3, 2, 1, false);
        for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
            try (Scope layer = b.scope("layer" + (stage + 1))) {
                for (int i = 0; i < cfg.blocks()[stage]; i++) {
                    int stride = stage > 0 && i == 0 ? 2 : 1;
                    try (Scope block = b.scope(Integer.toString(i))) {
                        x = cfg.bottleneck() ? bottleneck(b, x, STAGE_WIDTHS[stage], stride)
                                : basicBlock(b, x, STAGE_WIDTHS[stage], stride);
                    }
                }
            }
        }
        x = b.flatten("flatten", b.globalAvgPool("avgpool", x));
        return b.output(b.linear("fc", x, numClasses, true)).build();
    }

    /** conv3x3-bn-relu, conv3x3-bn, plus the (projected) input, relu. */
    private static Value basicBlock(GraphBuilder b, Value x, int planes, int stride) {
        Value y = b.relu("relu", b.batchNorm("bn1", b.conv2d("conv1", x, planes, 3, stride, 1, 1, 1, false)));
        y = b.batchNorm("bn2", b.conv2d("conv2", y, planes, 3, 1, 1, 1, 1, false));
        return b.relu("relu", b.add("add", y, shortcut(b, x, planes, stride)));
    }

    /** conv1x1-bn-relu, conv3x3(stride)-bn-relu, conv1x1(4x)-bn, plus the (projected) input, relu. */
    private static Value bottleneck(GraphBuilder b, Value x, int planes, int stride) {
        Value y = b.relu("relu", b.batchNorm("bn1", b.conv2d("conv1", x, planes, 1, 1, 0, 1, 1, false)));
        y = b.relu("relu", b.batchNorm("bn2", b.conv2d("conv2", y, planes, 3, stride, 1, 1, 1, false)));
        y = b.batchNorm("bn3", b.conv2d("conv3", y, planes * 4, 1, 1, 0, 1, 1, false));
        return b.relu("relu", b.add("add", y, shortcut(b, x, planes * 4, stride)));
    }

    /** The identity, or torchvision's {@code downsample} (conv1x1 + bn) when the shape changes. */
    private static Value shortcut(GraphBuilder b, Value x, int outChannels, int stride) {
        if (stride == 1 && x.channels() == outChannels) return x;
        try (Scope downsample = b.scope("downsample")) {
            return b.batchNorm("1", b.conv2d("0", x, outChannels, 1, stride, 0, 1, 1, false));
        }
    }
}
