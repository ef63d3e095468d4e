/**
 * Semantic segmentation: FC-HarDNet models ({@code models}), the {@link dev.hardnetzoo.hardnetseg.Segmenter}
 * API with masks and overlays, and mIoU evaluation ({@code eval}).
 */
package dev.hardnetzoo.hardnetseg;
