package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Draws detections onto a copy of the image: a box per detection and a "class score" tag, one colour per class. */
public final class BoxPainter {
    private BoxPainter() {}

    public static BufferedImage draw(RgbImage image, List<Detection> detections) {
        BufferedImage canvas = image.toBufferedImage();
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int stroke = Math.max(2, Math.min(image.width(), image.height()) / 200);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, stroke * 6)));
            FontMetrics fm = g.getFontMetrics();
            for (Detection d : detections) {
                Color colour = colour(d.classId());
                int x1 = clamp(d.x1(), image.width()), y1 = clamp(d.y1(), image.height());
                int x2 = clamp(d.x2(), image.width()), y2 = clamp(d.y2(), image.height());
                g.setColor(colour);
                g.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
                String tag = String.format(Locale.ROOT, "%s %.2f", d.className(), d.score());
                int tw = fm.stringWidth(tag) + 6, th = fm.getHeight();
                int ty = y1 - th >= 0 ? y1 - th : y1;
                g.fillRect(x1, ty, tw, th);
                g.setColor(brightness(colour) > 140 ? Color.BLACK : Color.WHITE);
                g.drawString(tag, x1 + 3, ty + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Well-spread hues by the golden angle, so neighbouring class ids differ. */
    static Color colour(int classId) {
        return Color.getHSBColor((classId * 0.618034f) % 1f, 0.85f, 0.95f);
    }

    private static int brightness(Color c) {
        return (c.getRed() * 299 + c.getGreen() * 587 + c.getBlue() * 114) / 1000;
    }

    private static int clamp(float v, int size) {
        return Math.max(0, Math.min(size - 1, Math.round(v)));
    }
}
