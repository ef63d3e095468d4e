package dev.hardnetzoo.hrnetbaseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An HRNetV2 architecture as the official configuration describes it ({@code MODEL.EXTRA}):
 * four stages and the kernel of the classifier conv, plus the default class count
 * ({@code DATASET.NUM_CLASSES}). Read from YAML by {@link HrnetConfigReader}.
 *
 * @param name            where the configuration came from (a resource or file name), for messages
 * @param stages          STAGE1..STAGE4; STAGE1 has one branch
 * @param finalConvKernel 1 or 3, {@code FINAL_CONV_KERNEL}
 * @param numClasses      {@code DATASET.NUM_CLASSES}
 */
public record HrnetConfig(String name, List<StageConfig> stages, int finalConvKernel, int numClasses) {

    public HrnetConfig {
        stages = List.copyOf(stages);
        if (stages.size() != 4) throw new IllegalArgumentException(name + ": HRNet has 4 stages, got " + stages.size());
        if (stages.get(0).numBranches() != 1) throw new IllegalArgumentException(name + ": STAGE1 has one branch");
        if (finalConvKernel != 1 && finalConvKernel != 3) {
            throw new IllegalArgumentException(name + ": FINAL_CONV_KERNEL must be 1 or 3, got " + finalConvKernel);
        }
        if (numClasses < 1) throw new IllegalArgumentException(name + ": NUM_CLASSES must be at least 1, got " + numClasses);
    }

    /** A configuration file in the official YAML layout. */
    public static HrnetConfig load(Path yaml) throws IOException {
        return HrnetConfigReader.read(yaml);
    }

    /** One of the configurations shipped with this module, e.g. {@code hrnetv2-w48}. */
    public static HrnetConfig builtIn(String id) {
        return HrnetConfigReader.resource(id);
    }

    /** Channels of the last stage's branches, which the head concatenates. */
    public int headChannels() {
        StageConfig last = stages.get(3);
        int sum = 0;
        for (int b = 0; b < last.numBranches(); b++) sum += last.outChannels(b);
        return sum;
    }
}
