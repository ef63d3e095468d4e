package dev.hardnetzoo.core.hostile;

import java.io.IOException;

/**
 * One hand-made hostile file: its name, which parser it attacks, the words the refusal must
 * contain, and how to make its bytes (generated, so the corpus is reviewable code, not blobs).
 */
public record HostileFile(String name, Parsers.Kind kind, String expected, Content content) {

    @FunctionalInterface
    public interface Content {
        byte[] bytes() throws IOException;
    }

    @Override
    public String toString() {
        return name;
    }
}
