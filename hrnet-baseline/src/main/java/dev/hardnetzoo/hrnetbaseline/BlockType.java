package dev.hardnetzoo.hrnetbaseline;

/** The residual blocks a stage can be made of: the official {@code blocks_dict}. */
public enum BlockType {
    /** Two 3x3 convs; output channels = the stage's channels. */
    BASIC(1),
    /** 1x1, 3x3, 1x1 convs; output channels = 4 x the stage's channels. */
    BOTTLENECK(4);

    private final int expansion;

    BlockType(int expansion) {
        this.expansion = expansion;
    }

    public int expansion() {
        return expansion;
    }
}
