package dev.hardnetzoo.core.image;

/** The channel order a model expects its input in (torchvision models: RGB; Caffe-born ones: BGR). */
public enum ChannelOrder {
    RGB,
    BGR;

    /** The RGB channel (0 = R, 1 = G, 2 = B) that feeds tensor channel {@code c}. */
    int sourceChannel(int c) {
        return this == RGB ? c : 2 - c;
    }
}
