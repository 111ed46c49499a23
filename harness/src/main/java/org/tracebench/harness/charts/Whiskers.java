package org.tracebench.harness.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * 95% intervals on a {@link CategoryChart}'s grouped bars, drawn from their lower to their upper bound. XChart's own
 * error bars are symmetric about the bar's top, which misdraws an asymmetric (Fieller) interval of a ratio: with a
 * half-width of 1.2 around 0.9 it drew 0 to 2.1 as -0.3 to 2.1. An end beyond the y axis's range is cut at the axis
 * and drawn without its cap, so a cut whisker reads as open.
 *
 * <p>Call order: {@link #add} once per bar series, in the order the series were added to the chart, then
 * {@link #attachTo}. The bars' x positions follow XChart 3.8's grouped-bar layout (PlotContent_Category_Bar):
 * category {@code i} spans [i, i + 1) in axis units, its bars fill {@code availableSpaceFill} of it, side by side.
 */
final class Whiskers extends Annotation {
    private final List<double[]> lows = new ArrayList<>();
    private final List<double[]> highs = new ArrayList<>();
    private final double axisMin;
    private final double axisMax;
    private final float strokeWidth;
    private final Color color;

    /** {@code axisMin}/{@code axisMax}: the y range the chart is given (whiskers are cut to it). */
    Whiskers(double axisMin, double axisMax, float strokeWidth, Color color) {
        super(false);
        this.axisMin = axisMin;
        this.axisMax = axisMax;
        this.strokeWidth = strokeWidth;
        this.color = color;
    }

    /** One bar series' intervals per category; NaN in either bound: no whisker (+∞ is drawn to the axis end). */
    void add(double[] low, double[] high) {
        lows.add(low.clone());
        highs.add(high.clone());
    }

    /** Adds this to {@code c}, whose y axis must run from axisMin to axisMax. */
    void attachTo(CategoryChart c) {
        c.getStyler().setYAxisMin(axisMin);
        c.getStyler().setYAxisMax(axisMax);
        c.addAnnotation(this);
    }

    /** Where bar {@code series} of {@code seriesCount} in category {@code category} has its centre, in axis units. */
    static double barCentre(int category, int series, int seriesCount, double fill) {
        return category + (1 - fill) / 2 + (series + 0.5) * fill / seriesCount;
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || lows.isEmpty()) return;
        int seriesCount = chart.getSeriesMap().size();
        int categories = lows.get(0).length;
        double fill = ((org.knowm.xchart.style.CategoryStyler) styler).getAvailableSpaceFill();
        // the axis maps category units linearly; reading both ends keeps sub-pixel positions (the helper rounds)
        double x0 = getXAxisScreenValue(0);
        double xEnd = getXAxisScreenValue(categories);
        double cap = Math.max(3, strokeWidth * 3);
        g.setColor(color);
        g.setStroke(new BasicStroke(strokeWidth));
        for (int s = 0; s < lows.size(); s++) {
            for (int i = 0; i < categories; i++) {
                double lo = lows.get(s)[i];
                double hi = highs.get(s)[i];
                if (Double.isNaN(lo) || Double.isNaN(hi) || hi < axisMin || lo > axisMax) continue;
                double x = x0 + (xEnd - x0) * barCentre(i, s, seriesCount, fill) / categories;
                double yLo = y(Math.max(lo, axisMin));
                double yHi = y(Math.min(hi, axisMax));
                g.draw(new Line2D.Double(x, yLo, x, yHi));
                if (lo >= axisMin) g.draw(new Line2D.Double(x - cap, yLo, x + cap, yLo));
                if (hi <= axisMax) g.draw(new Line2D.Double(x - cap, yHi, x + cap, yHi));
            }
        }
    }

    /** Screen y of a value in range, interpolated between the axis ends (the helper rounds to whole pixels). */
    private double y(double v) {
        double yMin = getYAxisScreenValue(axisMin);
        double yMax = getYAxisScreenValue(axisMax);
        return yMin + (yMax - yMin) * (v - axisMin) / (axisMax - axisMin);
    }
}
