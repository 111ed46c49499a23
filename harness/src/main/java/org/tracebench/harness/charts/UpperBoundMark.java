package org.tracebench.harness.charts;

import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a figure draws a completeness share counted without paths (an upper bound, not a match): a downward triangle
 * in a series of its own, its legend entry the tracer's with {@link #LEGEND_SUFFIX}, and {@link #CAPTION} added to
 * the caption when one is drawn; a matched share is a circle.
 */
public final class UpperBoundMark {
    private UpperBoundMark() {}

    /** The legend entry's suffix for a tracer's upper-bound points: {@code "ftrace (≤)"}. */
    public static final String LEGEND_SUFFIX = " (≤)";

    /** What the caption adds (after a clause, before the full stop) when a figure draws an upper bound. */
    public static final String CAPTION = "; a downward triangle (≤ in the legend) is an upper bound, not a match: the"
            + " tracer reported some kinds without a path, so their events were counted, and other calls of the same"
            + " kind count too (report.md marks each kind)";

    /** The marker of a point: a downward triangle for an upper bound, else a circle. */
    public static Marker marker(boolean upperBound) {
        return upperBound ? SeriesMarkers.TRIANGLE_DOWN : SeriesMarkers.CIRCLE;
    }
}
