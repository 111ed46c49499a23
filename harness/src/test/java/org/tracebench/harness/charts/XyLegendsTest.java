package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The overhead-against-completeness legend, drawn as XChart draws it, hides none of the points. */
class XyLegendsTest {
    private static final List<String> NINE = List.of("strace", "fatrace", "ftrace", "bpftrace", "bpftrace[counts,64]",
            "bpftrace[paths,2]", "ftrace[256]", "strace-seccomp", "strace[openat,close]");

    @Test
    void aNineEntryLegendLeavesThePlotWhenItWouldCoverAPointInEveryCorner() {
        // like big/'s combined figure: complete tracers along the top, fatrace at 53% from -18% to 30% lost
        XYChart c = scatter(i -> NINE.get(i).equals("fatrace") ? new double[][] {{-18, 30}, {53, 53}}
                : new double[][] {{-15 + 10 * i, -10 + 10 * i}, {100, 100}});
        LegendPosition p = XyLegends.freeCorner(c, -20, 80, 0, 100);
        assertEquals(LegendPosition.OutsideE, p, "the box (nine entries, two thirds of the plot high) covers a point in every corner");
        c.getStyler().setLegendPosition(p);
        assertEveryPointVisible(c);
    }

    @Test
    void aLegendGoesToTheFirstCornerItsBoxLeavesFree() {
        // the quadrant count chose SE, with no point in the lower right quarter: but (30, 8) sat under the wide box there
        XYChart c = scatter(i -> NINE.get(i).equals("fatrace") ? new double[][] {{-18, 30}, {53, 8}}
                : new double[][] {{-15 + 3 * i}, {100}});
        LegendPosition p = XyLegends.freeCorner(c, -20, 80, 0, 100);
        assertEquals(LegendPosition.InsideNE, p, "SE and SW cover fatrace; the top right is free");
        c.getStyler().setLegendPosition(p);
        assertEveryPointVisible(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        assertEquals(false, visible(c), "the old choice, SE, hid a point");
    }

    /** A paper-style scatter chart of the nine series, series {@code i} at points {@code xy.apply(i)}. */
    private static XYChart scatter(java.util.function.IntFunction<double[][]> xy) {
        XYChart c = new XYChartBuilder().width(ChartStyle.PAPER.widthPt()).height(ChartStyle.PAPER.heightPt()).build();
        ChartStyle.PAPER.apply(c.getStyler());
        c.getStyler().setMarkerSize(ChartStyle.PAPER.markerSize());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisMin(-20.0);
        c.getStyler().setXAxisMax(80.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(100.0);
        for (int i = 0; i < NINE.size(); i++) {
            double[][] p = xy.apply(i);
            XYSeries s = c.addSeries(NINE.get(i), p[0], p[1]);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            s.setMarkerColor(Palette.of(NINE.get(i), NINE));
        }
        return c;
    }

    private static void assertEveryPointVisible(XYChart c) {
        assertEquals(true, visible(c), c.getStyler().getLegendPosition() + " hides a point");
    }

    /** Whether, rendered at 4× like a paper PNG, every point's centre shows its series' colour. */
    private static boolean visible(XYChart c) {
        int scale = 4;
        BufferedImage img = new BufferedImage(c.getWidth() * scale, c.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        c.paint(g, c.getWidth(), c.getHeight());
        g.dispose();
        for (XYSeries s : c.getSeriesMap().values()) {
            Color want = s.getMarkerColor();
            for (int i = 0; i < s.getXData().length; i++) {
                int x = (int) Math.round(c.getScreenXFromChart(s.getXData()[i]) * scale);
                int y = (int) Math.round(c.getScreenYFromChart(s.getYData()[i]) * scale);
                if ((img.getRGB(x, y) & 0xFFFFFF) != (want.getRGB() & 0xFFFFFF)) return false;
            }
        }
        return true;
    }
}
