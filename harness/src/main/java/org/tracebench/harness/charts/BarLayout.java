package org.tracebench.harness.charts;

import java.util.List;

/**
 * Size and x-label rotation of a bar chart, from how many bars it holds and how long its category labels are: a
 * paper figure stays one column wide (3.3 in) up to {@link #ONE_COLUMN_BARS} bars and otherwise takes the text
 * width of a two-column paper (7 in, a {@code figure*}); labels that do not fit their slot side by side are turned
 * upright, and the figure grows by their length so the plot keeps its height. Before this, per-op.yaml's eight
 * workloads and the twenty op kinds of the slowdown chart were printed over one another at one column's width.
 *
 * @param widthPt       chart width in points
 * @param heightPt      chart height in points
 * @param labelRotation x-axis label rotation in degrees (0 or 90)
 */
record BarLayout(int widthPt, int heightPt, int labelRotation) {
    /** Bars a one-column paper figure holds legibly (about 6 pt a bar with its gaps). */
    static final int ONE_COLUMN_BARS = 24;
    /** A two-column paper's text width, in points. */
    static final int TWO_COLUMNS_PT = 504;
    /** Average glyph width of the sans-serif tick font, as a share of its size. */
    private static final double GLYPH_EM = 0.55;

    static BarLayout of(ChartStyle style, List<String> categories, int series) {
        int bars = Math.max(1, categories.size()) * Math.max(1, series);
        int width = style == ChartStyle.PAPER
                ? (bars <= ONE_COLUMN_BARS ? style.widthPt() : TWO_COLUMNS_PT)
                : (bars <= 60 ? style.widthPt() : style.widthPt() * 3 / 2);
        // what the outside legend and the y axis take: measured on the rendered figures, roughly
        int reserved = style == ChartStyle.PAPER ? 110 : 200;
        double slot = (width - reserved) / (double) Math.max(1, categories.size());
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        double labelPt = longest * GLYPH_EM * style.tickFontPt();
        boolean upright = labelPt > 0.95 * slot;
        int height = style.heightPt() + (upright ? (int) Math.ceil(labelPt) : 0);
        return new BarLayout(width, height, upright ? 90 : 0);
    }
}
