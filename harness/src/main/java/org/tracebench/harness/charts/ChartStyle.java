package org.tracebench.harness.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Chart sizes and fonts. Sizes are in points (1/72 in), which is what vector output uses; PNG is rendered at
 * {@link #pngDpi()}. {@code PAPER}: one column, 3.3 in × 2.57 in, 7–8 pt fonts, no titles (captions go in the
 * paper). {@code SCREEN}: 800 × 500 pt at 72 dpi with titles.
 */
public enum ChartStyle {
    PAPER(238, 185, 300, 7f, 7.5f, false),
    SCREEN(800, 500, 72, 13f, 15f, true);

    /** Tick labels of a linear axis: XChart's own pattern printed 0.05 as ".05". */
    public static final String DECIMALS = "#0.####";

    private final int widthPt;
    private final int heightPt;
    private final int pngDpi;
    private final float tickFontPt;
    private final float titleFontPt;
    private final boolean titles;

    ChartStyle(int widthPt, int heightPt, int pngDpi, float tickFontPt, float titleFontPt, boolean titles) {
        this.widthPt = widthPt;
        this.heightPt = heightPt;
        this.pngDpi = pngDpi;
        this.tickFontPt = tickFontPt;
        this.titleFontPt = titleFontPt;
        this.titles = titles;
    }

    public int widthPt() { return widthPt; }
    public int heightPt() { return heightPt; }
    public int pngDpi() { return pngDpi; }
    public boolean titles() { return titles; }
    /** Tick and legend font size in points. */
    public float tickFontPt() { return tickFontPt; }

    /** Line width of data series in points. */
    public float lineWidth() { return this == PAPER ? 1.0f : 2.0f; }

    /** Marker size in points. */
    public int markerSize() { return this == PAPER ? 4 : 9; }

    /** Applies fonts, grid, legend and locale-independent number formatting. */
    public void apply(AxesChartStyler s) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(tickFontPt));
        s.setBaseFont(base);
        s.setAxisTickLabelsFont(base.deriveFont(tickFontPt));
        s.setAxisTitleFont(base.deriveFont(titleFontPt));
        s.setLegendFont(base.deriveFont(tickFontPt));
        s.setChartTitleFont(base.deriveFont(Font.BOLD, titleFontPt + 1));
        s.setChartTitleVisible(titles);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setPlotGridLinesStroke(new BasicStroke(0.5f));
        s.setLegendBorderColor(Color.WHITE);
        // At one column's width XChart's outside-south legend collides with the x-axis title: keep it inside.
        s.setLegendPosition(this == PAPER ? Styler.LegendPosition.InsideNW : Styler.LegendPosition.OutsideS);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendLayout(this == PAPER ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        s.setLegendPadding(this == PAPER ? 5 : 6);
        s.setLegendSeriesLineLength(this == PAPER ? 12 : 24);
        s.setChartPadding(this == PAPER ? 7 : 10);
        s.setXAxisTickMarkSpacingHint(this == PAPER ? 34 : 74);
        s.setYAxisTickMarkSpacingHint(this == PAPER ? 22 : 44);
        s.setAxisTitlePadding(this == PAPER ? 4 : 6);
        s.setAxisTickPadding(this == PAPER ? 2 : 4);
        s.setAxisTickMarkLength(this == PAPER ? 2 : 4);
        s.setLocale(Locale.ROOT);
        // every axis without a pattern of its own: XChart's printed 2,000,000 ops/s as "2E6", 5000/s on a log axis as "5E3"
        s.setDecimalPattern(DECIMALS);
        s.setAntiAlias(true);
    }
}
