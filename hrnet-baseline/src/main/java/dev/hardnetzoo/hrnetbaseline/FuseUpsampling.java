package dev.hardnetzoo.hrnetbaseline;

/** How a high-resolution module brings a lower-resolution branch up to a higher one's size. */
public enum FuseUpsampling {
    /** {@code F.interpolate(size=..., mode="bilinear")}: the segmentation code (seg_hrnet.py). */
    BILINEAR_TO_SIZE,
    /** {@code nn.Upsample(scale_factor=2^(j-i), mode="nearest")}: the classification code (cls_hrnet.py, timm). */
    NEAREST_BY_FACTOR
}
