package org.tracebench.harness.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                    // XChart lays text out with fractional metrics; render the same way so labels fit at 300 dpi.
                    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                    g.scale(scale, scale);
                    chart.paint(g, chart.getWidth(), chart.getHeight());
                    g.dispose();
                    ImageIO.write(img, "png", out);
                }
                case SVG -> {
                    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
                    return svgInPoints(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.PDF);
                default -> throw new IllegalArgumentException(format.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * VectorGraphics2D sizes the SVG in px (1/96 in), but chart sizes are points (1/72 in): without this a paper
     * figure would be 2.5 in wide instead of 3.3 in. Rewrites the root element's width and height to pt.
     */
    static String svgInPoints(String svg) {
        int start = svg.indexOf("<svg");
        int end = start < 0 ? -1 : svg.indexOf('>', start);
        if (end < 0) return svg;
        String root = svg.substring(start, end).replaceAll("(width|height)=\"([0-9.]+)px\"", "$1=\"$2pt\"");
        return svg.substring(0, start) + root + svg.substring(end);
    }
}
