package org.tracebench.harness.charts;

import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Where an XY chart's legend goes inside the plot (paper style, one column) so that it hides no data. */
final class XyLegends {
    /** Share of the plot's height one legend entry takes in the paper style, measured on the figures; and the box's padding. */
    static final double ENTRY_SHARE = 0.075, PADDING_SHARE = 0.05;

    private XyLegends() {}

    /**
     * The inside corner of the plot with the fewest points, for a legend that hides no data: the best tracers sit
     * top left (cheap, complete), where the paper style's default legend would cover them. Ties prefer SE, SW, NE.
     */
    static LegendPosition emptiestCorner(XYChart c, double x0, double x1, double y0, double y1) {
        return emptiestCorner(c, x0, x1, y0, y1, false);
    }

    /** {@link #emptiestCorner(XYChart, double, double, double, double)} on a y axis that is logarithmic when {@code logY}. */
    static LegendPosition emptiestCorner(XYChart c, double x0, double x1, double y0, double y1, boolean logY) {
        if (logY) {
            y0 = Math.log10(y0);
            y1 = Math.log10(y1);
        }
        LegendPosition[] corners = {LegendPosition.InsideSE, LegendPosition.InsideSW, LegendPosition.InsideNE,
                LegendPosition.InsideNW};
        int[] n = new int[corners.length];
        for (XYSeries s : c.getSeriesMap().values()) {
            double[] xs = s.getXData(), ys = s.getYData();
            for (int i = 0; i < xs.length; i++) {
                double y = logY ? Math.log10(ys[i]) : ys[i];
                boolean east = (xs[i] - x0) / (x1 - x0) > 0.5, north = (y - y0) / (y1 - y0) > 0.5;
                n[(north ? 2 : 0) + (east ? 0 : 1)]++;
            }
        }
        int best = 0;
        for (int i = 1; i < n.length; i++) if (n[i] < n[best]) best = i;
        return corners[best];
    }

    /**
     * The y-axis top (rounded up to a half) that keeps every line below a legend of {@code entries} entries at the
     * top of the plot, with the axis starting at 0.
     */
    static double topWithRoomFor(XYChart c, int entries) {
        double maxY = yData(c).filter(Double::isFinite).max().orElse(1);
        double legendShare = Math.min(0.7, PADDING_SHARE + ENTRY_SHARE * entries);
        return Math.ceil(maxY / (1 - legendShare) * 2) / 2;
    }

    static DoubleStream yData(XYChart c) {
        return c.getSeriesMap().values().stream().flatMapToDouble(sr -> java.util.Arrays.stream(sr.getYData()));
    }

    static double xMax(XYChart c) {
        return c.getSeriesMap().values().stream().flatMapToDouble(sr -> java.util.Arrays.stream(sr.getXData()))
                .max().orElse(1);
    }
}
