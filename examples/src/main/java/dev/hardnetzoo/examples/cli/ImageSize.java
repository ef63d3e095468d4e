package dev.hardnetzoo.examples.cli;

import dev.hardnetzoo.core.tensor.Shape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An input size given as {@code HxW} (or one number for a square). */
public record ImageSize(int height, int width) {

    public Shape nchw(int batch, int channels) {
        return Shape.nchw(batch, channels, height, width);
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }

    /** picocli converter: "224", "224x224", "1024x2048". */
    public static final class Converter implements ITypeConverter<ImageSize> {
        @Override
        public ImageSize convert(String value) {
            String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                int h = Integer.parseInt(parts[0].strip());
                int w = parts.length == 1 ? h : Integer.parseInt(parts[1].strip());
                if (parts.length > 2 || h < 1 || w < 1) throw new NumberFormatException();
                return new ImageSize(h, w);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("size '" + value + "' is not HxW with positive integers (e.g. 224x224, or 224 for a square)");
            }
        }
    }
}
