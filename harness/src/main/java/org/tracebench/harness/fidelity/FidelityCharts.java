package org.tracebench.harness.fidelity;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;
import org.tracebench.harness.charts.Palette;
import org.tracebench.harness.charts.UpperBoundMark;

/**
 * Issue 7's figures: completeness and p99 latency against the offered rate (one line per tracer, one figure pair per
 * workload × workers of a sweep), and the three-way overhead split as a stacked bar per tracer configuration. In the
 * completeness figure a level whose share was counted without paths ({@link FidelityAnalysis.SweepLevel#seenIsUpperBound})
 * is an upper bound: a downward triangle over the tracer's line, in a series of its own, {@code "<tracer> (≤)"}, as
 * overhead-vs-completeness draws one; a level the tracer did not reach ({@link FidelityAnalysis.SweepLevel#saturated})
 * is a diamond, {@code "<tracer> (not reached)"}. In the p99 figure a level whose unfinished iterations could move its
 * p99 ({@link FidelityAnalysis.SweepLevel#iterP99LowerBound}) is a lower bound: an upward triangle, {@code "<tracer> (≥)"}.
 * Each tracer has one line through all its levels; exact levels are circles on it.
 */
public final class FidelityCharts {

    private FidelityCharts() {}

    /** The legend suffix of a tracer's sweep-p99 levels that left iterations unfinished, whose p99 is a lower bound. */
    static final String LOWER_BOUND_SUFFIX = " (≥)";
    static final String LOWER_BOUND_CAPTION = "; an upward triangle (≥ in the legend) is a lower bound: the level left"
            + " iterations unfinished at the window's end, each counted with the time it had waited by then";

    public static List<Figure> all(FidelityAnalysis a, ChartStyle style) {
        List<Figure> out = new ArrayList<>();
        Map<String, List<FidelityAnalysis.SweepLevel>> groups = new LinkedHashMap<>();
        for (FidelityAnalysis.SweepLevel l : a.sweep()) groups.computeIfAbsent(l.workload() + " w" + l.workers(), k -> new ArrayList<>()).add(l);
        List<String> tracers = new ArrayList<>(new LinkedHashSet<>(a.rows().stream().map(TrialRow::label).toList()));
        for (Map.Entry<String, List<FidelityAnalysis.SweepLevel>> g : groups.entrySet()) {
            String suffix = g.getKey().replaceAll("[^A-Za-z0-9._-]+", "-");
            out.add(sweepChart(g.getValue(), tracers, style, true, "sweep-completeness-" + suffix,
                    "Share of operations each tracer reported against the offered rate (" + g.getKey() + ")"));
            out.add(sweepChart(g.getValue(), tracers, style, false, "sweep-p99-" + suffix,
                    "p99 iteration latency from the intended start (coordinated omission corrected) against the offered rate (" + g.getKey() + ")"));
        }
        if (!a.splits().isEmpty()) out.add(split(a.splits(), style));
        return out;
    }

    static Figure sweepChart(List<FidelityAnalysis.SweepLevel> levels, List<String> tracers, ChartStyle style,
                             boolean completeness, String name, String caption) {
        XYChart c = new XYChartBuilder().width((int) Math.round(style.widthPt() * 1.5)).height((int) Math.round(style.heightPt() * 1.5))
                .title(completeness ? "Completeness vs offered rate" : "p99 latency vs offered rate")
                .xAxisTitle("offered iterations/s (log scale)").yAxisTitle(completeness ? "operations seen (%)" : "p99 (ms)").build();
        style.apply(c.getStyler());
        rateAxis(c);
        if (!completeness) c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        Map<String, List<double[]>> lines = new LinkedHashMap<>(), bounds = new LinkedHashMap<>(), exact = new LinkedHashMap<>(),
                unreached = new LinkedHashMap<>();
        for (FidelityAnalysis.SweepLevel l : levels) {
            double y = completeness ? l.seenOverall() * 100 : l.iterP99Nanos() / 1e6;
            if (!Double.isFinite(y) || (!completeness && y <= 0) || !(l.offeredPerSecond() > 0)) continue;
            double[] p = {Math.log10(l.offeredPerSecond()), y};
            lines.computeIfAbsent(l.tracer(), k -> new ArrayList<>()).add(p);
            boolean bound = completeness ? l.seenIsUpperBound() : l.iterP99LowerBound();
            (bound ? bounds : exact).computeIfAbsent(l.tracer(), k -> new ArrayList<>()).add(p);
            if (completeness && l.saturated()) unreached.computeIfAbsent(l.tracer(), k -> new ArrayList<>()).add(p);
        }
        String boundSuffix = completeness ? UpperBoundMark.LEGEND_SUFFIX : LOWER_BOUND_SUFFIX;
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) { // one line per tracer through all its levels
            String tracer = line.getKey();
            Color col = Palette.of(tracer.replaceFirst("\\[.*$", ""), tracers); // one configuration per backend is swept
            add(c, tracer, line.getValue(), col, SeriesMarkers.NONE, true, true);
            if (exact.containsKey(tracer)) add(c, tracer + EXACT_SUFFIX, exact.get(tracer), col, UpperBoundMark.marker(false), false, false);
            if (bounds.containsKey(tracer)) add(c, tracer + boundSuffix, bounds.get(tracer), col,
                    completeness ? UpperBoundMark.marker(true) : SeriesMarkers.TRIANGLE_UP, false, true);
            if (unreached.containsKey(tracer)) add(c, tracer + UNREACHED_SUFFIX, unreached.get(tracer), col, SeriesMarkers.DIAMOND, false, true);
        }
        if (lines.isEmpty()) c.addSeries("no data", new double[] {1}, new double[] {completeness ? 0 : 1});
        String axis = "";
        if (completeness && !lines.isEmpty()) {
            double floor = completenessFloor(lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).min().orElse(0));
            c.getStyler().setYAxisMin(floor);
            c.getStyler().setYAxisMax(Math.max(100, lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(100)));
            if (floor > 0) axis = String.format(java.util.Locale.ROOT, "; the y axis starts at %.0f%%, not 0", floor);
        }
        return new Figure(name, caption + axis + (!bounds.isEmpty() ? (completeness ? UpperBoundMark.CAPTION : LOWER_BOUND_CAPTION) : "")
                + (!unreached.isEmpty() ? UNREACHED_CAPTION : ""), c, List.copyOf(lines.keySet()));
    }

    /**
     * The completeness axis's lower end: the lowest share rounded down to a 10% step, so a 0.15% drop spans a sliver of
     * a 90–100% axis rather than all of an auto-scaled 99.85–100% one.
     */
    static double completenessFloor(double minPercent) {
        return Math.max(0, Math.min(90, Math.floor(minPercent / 10) * 10));
    }

    /**
     * The offered rate on a log scale with a tick per level: x is log10(rate) on a linear axis, labelled with the rate,
     * since XChart's logarithmic axis labels decades only and ignores a label function's positions. XChart ticks every
     * level when the levels are evenly spaced in log (a doubling sweep); for others it falls back to its own steps.
     */
    static void rateAxis(XYChart c) {
        c.getStyler().setxAxisTickLabelsFormattingFunction(x -> new java.math.BigDecimal(Math.pow(10, x))
                .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString());
        c.getStyler().setXAxisTickMarkSpacingHint(40); // levels' labels are short: room for one per level
    }

    /** A hidden series of a tracer's exact levels, circles over its line. */
    static final String EXACT_SUFFIX = " (exact)";
    /** The legend suffix of a tracer's levels it held below the sweep's saturation share of the offered rate. */
    static final String UNREACHED_SUFFIX = " (not reached)";
    static final String UNREACHED_CAPTION = "; a diamond (not reached in the legend) is a level the tracer did not reach:"
            + " it held the load below the sweep's saturation share of the offered rate (slowing it rather than losing"
            + " events), so its share holds for the rate achieved there, which report.md gives";

    /** One series of points in {@code col}: a line without markers, or markers without a line. */
    private static void add(XYChart c, String name, List<double[]> pts, Color col, org.knowm.xchart.style.markers.Marker marker,
                            boolean line, boolean inLegend) {
        XYSeries xy = c.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
        xy.setLineColor(col);
        xy.setMarkerColor(col);
        xy.setMarker(marker);
        if (!line) xy.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
        xy.setShowInLegend(inLegend);
    }

    /** The split's segments in greys: every Palette colour is some tracer's, and a segment is not a tracer. */
    static final Color SEGMENT_A = new Color(0xCCCCCC), SEGMENT_C = new Color(0x555555), SEGMENT_B = new Color(0x999999);

    static Figure split(List<OverheadSplit> splits, ChartStyle style) {
        int n = splits.size();
        CategoryChart c = new CategoryChartBuilder().width((int) Math.round(style.widthPt() * Math.max(1.0, n / 4.0)))
                .height((int) Math.round(style.heightPt() * (n > 3 ? 1.8 : 1.0)))
                .title("Overhead split per operation").xAxisTitle("").yAxisTitle("µs per operation").build();
        style.apply(c.getStyler());
        c.getStyler().setStacked(true);
        c.getStyler().setAvailableSpaceFill(0.7);
        c.getStyler().setYAxisDecimalPattern(ChartStyle.DECIMALS);
        // outside the plot: inside, it covered the top of the tallest bars
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        c.getStyler().setXAxisLabelRotation(n > 3 ? 60 : 0);
        List<String> cats = new ArrayList<>();
        List<Double> a = new ArrayList<>(), k = new ArrayList<>(), t = new ArrayList<>();
        boolean workloads = splits.stream().map(OverheadSplit::workload).distinct().count() > 1;
        boolean workers = splits.stream().map(OverheadSplit::workers).distinct().count() > 1;
        for (OverheadSplit s : splits) {
            cats.add(shortLabel(s) + (workloads ? " " + s.workload() : "") + (workers ? " w" + s.workers() : "")
                    + (s.kernelMeasured() ? "" : "*") + (s.openLoop() ? " †" : ""));
            double[] seg = segments(s);
            a.add(seg[0]);
            k.add(seg[1]);
            t.add(seg[2]);
        }
        c.addSeries("(a) workload slowdown beyond (c)", cats, a).setFillColor(SEGMENT_A);
        c.addSeries("(c) kernel on tracer's behalf, within (a)" + (splits.stream().anyMatch(OverheadSplit::openLoop)
                ? " († alone)" : ""), cats, k).setFillColor(SEGMENT_C);
        c.addSeries("(b) tracer processes' CPU", cats, t).setFillColor(SEGMENT_B);
        return new Figure("overhead-split", "Each tracer's cost per operation split three ways: (a) the workload's extra "
                + "time per operation not explained by (c), (c) kernel CPU on the tracer's behalf (measured from BPF "
                + "statistics; * = estimated from the load generator's extra system time), (b) the tracer's own processes' CPU. "
                + "A bar's height is the cost the cheapest-configuration choice uses, (a) + (b): (c) is drawn as the part "
                + "of (a) it explains, at most (a) (the table gives (c) in full). "
                + (splits.stream().anyMatch(OverheadSplit::openLoop) ? "† = open loop at a fixed rate: (a) is not "
                + "applicable (the throughput is the rate whenever the load keeps up; see the p99 ratio), so the bar is "
                + "(c) + (b), the cost used there." : ""),
                c, splits.stream().map(OverheadSplit::label).distinct().toList());
    }

    /**
     * The bar's segments {(a) beyond (c), (c) within (a), (b)} in µs per operation; they add up to
     * {@link OverheadSplit#costMicrosPerOp}, so (c) beyond (a) is not drawn. In an open loop: {0, (c), (b)}.
     */
    static double[] segments(OverheadSplit s) {
        if (s.openLoop()) return new double[] {0, zero(s.kernelMicrosPerOp()), zero(s.tracerMicrosPerOp())};
        double a = zero(s.extraMicrosPerOp()), c = Math.min(a, zero(s.kernelMicrosPerOp()));
        return new double[] {a - c, c, zero(s.tracerMicrosPerOp())};
    }

    /** {@code bpftrace[paths,64]} for {@code bpftrace[mode=paths perfRbPages=64]}: the varied values only. */
    static String shortLabel(OverheadSplit s) {
        return org.tracebench.harness.charts.Labels.legend(s.label());
    }

    private static double zero(double v) {
        return Double.isFinite(v) ? Math.max(0, v) : 0;
    }
}
