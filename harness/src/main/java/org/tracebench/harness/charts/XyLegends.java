package org.tracebench.harness.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Where an XY chart's legend goes (paper style, one column) so that it hides no data. */
final class XyLegends {
    /** Share of the plot's height one legend entry takes in the paper style, measured on the figures; and the box's padding. */
    static final double ENTRY_SHARE = 0.075, PADDING_SHARE = 0.05;
    /** Share of the plot's height left between raised lines and the legend box above them. */
    static final double GAP_SHARE = 0.05;

    private XyLegends() {}

    /**
     * The first inside corner of the plot (SE, SW, NE, NW) whose legend box, at the size XChart draws it, covers no
     * point of the scatter chart {@code c} with axes {@code x0..x1} × {@code y0..y1}; beside the plot (outside east)
     * when every corner's would. Counting points per quadrant was not enough: a box of nine entries fills more than
     * a quadrant and hid a point just inside the emptiest one. Lays the chart out once to learn where its plot is.
     */
    static LegendPosition freeCorner(XYChart c, double x0, double x1, double y0, double y1) {
        BufferedImage scratch = new BufferedImage(Math.max(1, c.getWidth()), Math.max(1, c.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON); // as ChartFiles
        c.paint(g, c.getWidth(), c.getHeight());
        g.dispose();
        // the axes' ranges fill plotContentSize of the plot, centred (XChart's Axis.getScreenValue)
        double share = c.getStyler().getPlotContentSize();
        double left = c.getScreenXFromChart(x0), right = c.getScreenXFromChart(x1);
        double bottom = c.getScreenYFromChart(y0), top = c.getScreenYFromChart(y1);
        double pw = (right - left) / share, ph = (bottom - top) / share;
        Rectangle2D plot = new Rectangle2D.Double(left - (pw - (right - left)) / 2, top - (ph - (bottom - top)) / 2, pw, ph);
        Rectangle2D box = legendSize(c);
        double r = c.getStyler().getMarkerSize() / 2.0;
        for (LegendPosition corner : new LegendPosition[] {LegendPosition.InsideSE, LegendPosition.InsideSW,
                LegendPosition.InsideNE, LegendPosition.InsideNW}) {
            Rectangle2D at = legendAt(corner, plot, box.getWidth(), box.getHeight());
            boolean covers = false;
            for (XYSeries s : c.getSeriesMap().values()) {
                double[] xs = s.getXData(), ys = s.getYData();
                for (int i = 0; i < xs.length && !covers; i++) {
                    covers = at.intersects(c.getScreenXFromChart(xs[i]) - r, c.getScreenYFromChart(ys[i]) - r, 2 * r, 2 * r);
                }
            }
            if (!covers) return corner;
        }
        return LegendPosition.OutsideE;
    }

    /** XChart's gap between an inside legend and the plot's edges (Legend_.LEGEND_MARGIN), in points. */
    private static final double LEGEND_MARGIN = 6;

    /** Where XChart draws a legend box of {@code w} × {@code h} in an inside corner of {@code plot} (Legend_). */
    static Rectangle2D legendAt(LegendPosition corner, Rectangle2D plot, double w, double h) {
        boolean east = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideSE;
        boolean north = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideNW;
        double x = east ? plot.getMaxX() - w - LEGEND_MARGIN : plot.getX() + LEGEND_MARGIN;
        double y = north ? plot.getY() + LEGEND_MARGIN : plot.getMaxY() - h - LEGEND_MARGIN;
        return new Rectangle2D.Double(x, y, w, h);
    }

    /**
     * Size of the vertical legend of a line or scatter chart as XChart 3.8 computes it (Legend_.getBoundsHintVertical):
     * per shown series, its label's outline height or the marker size, whichever is more, plus padding; as wide as the
     * widest label beside the series line and padding.
     */
    static Rectangle2D legendSize(XYChart c) {
        var st = c.getStyler();
        double pad = st.getLegendPadding(), textWidth = 0, height = 0;
        FontRenderContext frc = new FontRenderContext(null, true, false);
        for (XYSeries s : c.getSeriesMap().values()) {
            if (!s.isShowInLegend() || !s.isEnabled()) continue;
            Rectangle2D b = new TextLayout(s.getLabel(), st.getLegendFont(), frc).getOutline(null).getBounds2D();
            textWidth = Math.max(textWidth, b.getWidth());
            height += Math.max(b.getHeight(), st.getMarkerSize()) + pad;
        }
        return new Rectangle2D.Double(0, 0, st.getLegendSeriesLineLength() + pad + textWidth + 2 * pad, height + pad);
    }

    /** Width of the legend box as a share of the plot's: its colour line and padding, and so much per character. */
    static double boxWidthShare(int longestName) {
        return Math.min(0.6, 0.1 + 0.025 * longestName);
    }

    /** Height of the legend box as a share of the plot's. */
    static double boxHeightShare(int entries) {
        return Math.min(0.7, PADDING_SHARE + ENTRY_SHARE * entries);
    }

    /**
     * Places the paper-style legend of a line chart whose x axis spans {@code x0..x1} and whose y axis starts at
     * {@code yBottom} (0 for a linear axis from zero; the lowest value on a logarithmic one): in the inside corner
     * whose legend box (one entry per name in {@code names}, as wide as the longest) covers none of the lines'
     * points; where every corner's box would cover some (curves that climb through the whole plot, flat lines at
     * the top), a linear y axis is raised until the lines stay below the box, with the legend top right, and a
     * logarithmic one (where that would take whole empty decades) gets the legend beside the plot.
     */
    static void placeForLines(XYChart c, double x0, double x1, double yBottom, boolean logY, List<String> names) {
        int entries = names.size();
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        double w = boxWidthShare(longest), h = boxHeightShare(entries);
        double yTop = yData(c).filter(Double::isFinite).max().orElse(1);
        if (!(yTop > yBottom)) yTop = yBottom + 1;
        LegendPosition[] corners = {LegendPosition.InsideNE, LegendPosition.InsideSE, LegendPosition.InsideNW,
                LegendPosition.InsideSW};
        for (LegendPosition corner : corners) {
            if (pointsInBox(c, corner, x0, x1, yBottom, yTop, logY, w, h) == 0) {
                c.getStyler().setLegendPosition(corner);
                return;
            }
        }
        if (logY) { // headroom on a log axis costs whole empty decades (and their long labels): beside the plot instead
            c.getStyler().setLegendPosition(LegendPosition.OutsideE);
            return;
        }
        // a gap under the box too: the lines between points near its bottom edge ran behind it
        c.getStyler().setYAxisMax(Math.ceil((yBottom + (yTop - yBottom) / (1 - h - GAP_SHARE)) * 2) / 2);
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
    }

    /** How many of the chart's points the legend box in {@code corner} would cover, for an axis spanning {@code y0..y1}. */
    static int pointsInBox(XYChart c, LegendPosition corner, double x0, double x1, double y0, double y1,
                           boolean logY, double w, double h) {
        boolean east = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideSE;
        boolean north = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideNW;
        double ly0 = logY ? Math.log10(y0) : y0, ly1 = logY ? Math.log10(y1) : y1;
        int n = 0;
        for (XYSeries s : c.getSeriesMap().values()) {
            double[] xs = s.getXData(), ys = s.getYData();
            for (int i = 0; i < xs.length; i++) {
                double fx = (xs[i] - x0) / (x1 - x0);
                double fy = ((logY ? Math.log10(ys[i]) : ys[i]) - ly0) / (ly1 - ly0);
                boolean inX = east ? fx >= 1 - w : fx <= w;
                boolean inY = north ? fy >= 1 - h : fy <= h;
                if (inX && inY) n++;
            }
        }
        return n;
    }

    static DoubleStream yData(XYChart c) {
        return c.getSeriesMap().values().stream().flatMapToDouble(sr -> java.util.Arrays.stream(sr.getYData()));
    }

    static double xMax(XYChart c) {
        return c.getSeriesMap().values().stream().flatMapToDouble(sr -> java.util.Arrays.stream(sr.getXData()))
                .max().orElse(1);
    }
}
