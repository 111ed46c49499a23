package org.tracebench.harness.charts;

import java.util.List;

/**
 * Size and x-label rotation of a bar chart, from how many bars it holds and how long its category labels are: a
 * paper figure stays one column wide (3.3 in) up to {@link #ONE_COLUMN_BARS} bars and otherwise takes the text
 * width of a two-column paper (7 in, a {@code figure*}); labels that do not fit their slot side by side are turned
 * upright, and the figure grows by their length so the plot keeps its height. Before this, per-op.yaml's eight
 * workloads and the twenty op kinds of the slowdown chart were printed over one another at one column's width.
 * The legend goes beside the plot, one entry a line, in the paper style and wherever one row below it would be wider
 * than the figure (XChart centres that row and cuts both ends: compare's eleven tracers on the screen style).
 *
 * @param widthPt       chart width in points
 * @param heightPt      chart height in points
 * @param labelRotation x-axis label rotation in degrees (0 or 90)
 * @param legendEast    the legend beside the plot (outside east, vertical) rather than the style's own place
 */
record BarLayout(int widthPt, int heightPt, int labelRotation, boolean legendEast) {
    /** Bars a one-column paper figure holds legibly (about 6 pt a bar with its gaps). */
    static final int ONE_COLUMN_BARS = 24;
    /** A two-column paper's text width, in points. */
    static final int TWO_COLUMNS_PT = 504;
    /** Average glyph width of the sans-serif tick font, as a share of its size. */
    private static final double GLYPH_EM = 0.55;

    /**
     * @param legend the series names shown in the paper style's outside-east legend, one entry each (empty when the
     *               chart has no legend): long configuration names widen what it takes, many of them the height
     */
    static BarLayout of(ChartStyle style, List<String> categories, List<String> legend) {
        int bars = Math.max(1, categories.size()) * Math.max(1, legend.size());
        int width = style == ChartStyle.PAPER
                ? (bars <= ONE_COLUMN_BARS ? style.widthPt() : TWO_COLUMNS_PT)
                : (bars <= 60 ? style.widthPt() : style.widthPt() * 3 / 2);
        boolean east = !legend.isEmpty() && (style == ChartStyle.PAPER || rowPt(style, legend) > width);
        // what the y axis and the outside legend (its text, colour box and padding) take, roughly as rendered
        double legendPt = east ? legend.stream().mapToInt(String::length).max().orElse(0) * GLYPH_EM * style.tickFontPt()
                + (style == ChartStyle.PAPER ? 34 : 3 * style.tickFontPt() + 24) : 0;
        double reserved = style == ChartStyle.PAPER ? 40 + Math.max(70, legendPt) : Math.max(200, 70 + legendPt);
        double slot = (width - reserved) / (double) Math.max(1, categories.size());
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        double labelPt = longest * GLYPH_EM * style.tickFontPt();
        boolean upright = labelPt > 0.95 * slot;
        int height = style.heightPt() + (upright ? (int) Math.ceil(labelPt) : 0);
        if (east) { // XChart centres the legend on the plot, above the labels, and cuts what overflows
            double legendHeight = legend.size() * LEGEND_ENTRY_EM * style.tickFontPt() + 20;
            height = Math.max(height, (int) Math.ceil(legendHeight + (upright ? labelPt : 0)));
        }
        return new BarLayout(width, height, upright ? 90 : 0, east);
    }

    /** The width of the legend as one row (the screen style's, below the plot): each entry's text, box and padding. */
    static double rowPt(ChartStyle style, List<String> legend) {
        return legend.stream().mapToDouble(n -> n.length() * GLYPH_EM * style.tickFontPt() + 2.5 * style.tickFontPt() + 12).sum() + 12;
    }

    /** Puts the chart's legend where this layout made room for it. */
    void placeLegend(org.knowm.xchart.style.Styler styler) {
        if (!legendEast) return;
        styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
    }

    /**
     * Height of one outside-east legend entry in the paper style, as a share of the font size: 27 pt at 7 pt, fitted
     * to the rendered figures (six entries just fill the 185 pt figure; twelve needed 348 pt).
     */
    private static final double LEGEND_ENTRY_EM = 3.9;

    /** Rotated category labels end at their tick (XChart centres each on its own length, so they started at random heights). */
    static void alignRotatedLabels(org.knowm.xchart.style.AxesChartStyler styler, int rotationDegrees) {
        if (rotationDegrees != 0) styler.setXAxisLabelAlignmentVertical(org.knowm.xchart.style.AxesChartStyler.TextAlignment.Right);
    }
}
