package org.tracebench.harness.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Encodes a chart: PNG rendered at the style's dpi (the chart's point size scaled by dpi/72), SVG and PDF through
 * XChart's {@link VectorGraphicsEncoder} (VectorGraphics2D) at the chart's point size. Runs headless.
 */
public final class ChartFiles {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {}

    /** The chart encoded in {@code format}. */
    public static byte[] encode(Chart<?, ?> chart, ChartFormat format, int pngDpi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (format) {
                case PNG -> {
                    double scale = pngDpi / 72.0;
                    int w = (int) Math.round(chart.getWidth() * scale), h = (int) Math.round(chart.getHeight() * scale);
                    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = img.createGraphics();
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.scale(scale, scale);
                    chart.paint(g, chart.getWidth(), chart.getHeight());
                    g.dispose();
                    ImageIO.write(img, "png", out);
                }
                case SVG -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
                case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.PDF);
                default -> throw new IllegalArgumentException(format.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
