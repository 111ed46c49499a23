package org.tracebench.harness.charts;

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
     * The inside corner of the plot with the fewest points, for a legend that hides no data: the best tracers sit
     * top left (cheap, complete), where the paper style's default legend would cover them. Ties prefer SE, SW, NE.
     */
    static LegendPosition emptiestCorner(XYChart c, double x0, double x1, double y0, double y1) {
        LegendPosition[] corners = {LegendPosition.InsideSE, LegendPosition.InsideSW, LegendPosition.InsideNE,
                LegendPosition.InsideNW};
        int[] n = new int[corners.length];
        for (XYSeries s : c.getSeriesMap().values()) {
            double[] xs = s.getXData(), ys = s.getYData();
            for (int i = 0; i < xs.length; i++) {
                boolean east = (xs[i] - x0) / (x1 - x0) > 0.5, north = (ys[i] - y0) / (y1 - y0) > 0.5;
                n[(north ? 2 : 0) + (east ? 0 : 1)]++;
            }
        }
        int best = 0;
        for (int i = 1; i < n.length; i++) if (n[i] < n[best]) best = i;
        return corners[best];
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
