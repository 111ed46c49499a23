package org.tracebench.harness.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Encodes a chart: PNG rendered at the style's dpi (the chart's point size scaled by dpi/72), SVG and PDF through
 * XChart's {@link VectorGraphicsEncoder} (VectorGraphics2D, PDFBox) at the chart's point size; the same chart gives the
 * same bytes in every format. Runs headless.
 */
public final class ChartFiles {
    static {
        System.setProperty("java.awt.headless", "true");
        // PNGs are encoded into memory: ImageIO's default disk cache in java.io.tmpdir made a full or read-only
        // temporary directory fail every report ("I/O error writing PNG file!")
        ImageIO.setUseCache(false);
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
                case PDF -> {
                    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.PDF);
                    return withContentId(out.toByteArray());
                }
                default -> throw new IllegalArgumentException(format.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final Pattern PDF_ID = Pattern.compile("/ID \\[<([0-9A-Fa-f]{32})> <([0-9A-Fa-f]{32})>]");

    /**
     * PDFBox (which XChart's encoder hands the PDF to) seeds the trailer's /ID with the clock, so two reports of one
     * directory wrote PDFs differing in those bytes alone and committed charts churned. Replaces both halves of the
     * last /ID with the MD5 of the file with them zeroed: the same length, so every offset stays valid. A PDF without
     * such an /ID is returned as it is.
     */
    static byte[] withContentId(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = PDF_ID.matcher(s);
        int first = -1, second = -1;
        while (m.find()) {
            first = m.start(1);
            second = m.start(2);
        }
        if (first < 0) return pdf;
        byte[] out = pdf.clone();
        byte[] zeros = "0".repeat(32).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(zeros, 0, out, first, 32);
        System.arraycopy(zeros, 0, out, second, 32);
        byte[] id;
        try {
            id = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(out))
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has MD5
        }
        System.arraycopy(id, 0, out, first, 32);
        System.arraycopy(id, 0, out, second, 32);
        return out;
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
