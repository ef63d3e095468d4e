package dev.hardnetzoo.hrnetbaseline;

import java.util.List;

/**
 * One {@code STAGEn} entry of an HRNet configuration. Fusion is always by sum ({@code FUSE_METHOD: SUM},
 * the only method the official code implements), so it is not a field.
 *
 * @param numModules  high-resolution modules in the stage
 * @param block       the residual block of every branch
 * @param numBlocks   blocks per branch
 * @param numChannels channels per branch before the block's expansion
 */
public record StageConfig(int numModules, BlockType block, List<Integer> numBlocks, List<Integer> numChannels) {

    public StageConfig {
        numBlocks = List.copyOf(numBlocks);
        numChannels = List.copyOf(numChannels);
        if (numModules < 1 || numBlocks.isEmpty() || numBlocks.size() != numChannels.size()) {
            throw new IllegalArgumentException("a stage needs at least one module and one (blocks, channels) pair per branch, got "
                    + numModules + " modules, blocks " + numBlocks + ", channels " + numChannels);
        }
    }

    public int numBranches() {
        return numBlocks.size();
    }

    /** Channels each branch outputs: its channels times the block's expansion. */
    public int outChannels(int branch) {
        return numChannels.get(branch) * block.expansion();
    }
}
