package dev.hardnetzoo.hardnetdet;

/** One annotated object of a PASCAL VOC XML file; box corners in VOC's 1-based inclusive pixels. */
public record GroundTruth(String className, boolean difficult, int xmin, int ymin, int xmax, int ymax) {}
