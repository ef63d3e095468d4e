package dev.hardnetzoo.hardnetdet;

/** One detected object: its class, score and box (x1, y1) - (x2, y2) in pixels of the original image. */
public record Detection(int classId, String className, float score, float x1, float y1, float x2, float y2) {

    public float width() { return x2 - x1; }

    public float height() { return y2 - y1; }
}
