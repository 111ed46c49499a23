package org.tracebench.harness.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/** A translucent grey band over an XY chart's x range [from, 0): the warm-up before the measured window's start. */
final class WarmUpShade extends Annotation {
    /** Light enough for the lines to show through: annotations are painted over the series. */
    static final Color SHADE = new Color(0, 0, 0, 28);
    private final double from;

    WarmUpShade(double from) {
        super(false);
        this.from = from;
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || !(from < 0)) return;
        double x0 = getXAxisScreenValue(from), x1 = getXAxisScreenValue(0);
        double yTop = getYAxisScreenValueForMax(), yBottom = getYAxisScreenValueForMin();
        g.setColor(SHADE);
        g.fill(new Rectangle2D.Double(Math.min(x0, x1), Math.min(yTop, yBottom), Math.abs(x1 - x0), Math.abs(yBottom - yTop)));
    }
}
