package org.tracebench.harness.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.report.LatencyLogs;
import org.tracebench.harness.report.Metrics;
import org.tracebench.harness.report.Num;
import org.tracebench.harness.report.OpSlowdowns;
import org.tracebench.harness.report.Trial;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;

/**
 * Builds the figures of a report from an {@link Analysis} (and, for latency and CPU over time, the trials'
 * latency.hlog and system.csv). Error bars show 95% intervals from bound to bound ({@link Whiskers}: XChart's own
 * are symmetric, which an interval of a ratio need not be).
 */
public final class FigureBuilder {
    private final Analysis analysis;
    private final ChartStyle style;
    private final List<String> tracers;
    /** Each tracer's name in legends ({@link Labels#legends}). */
    private final Map<String, String> legend;

    public FigureBuilder(Analysis analysis, ChartStyle style) {
        this.analysis = analysis;
        this.style = style;
        this.tracers = analysis.results().tracers();
        this.legend = Labels.legends(tracers);
    }

    Analysis analysis() { return analysis; }

    ChartStyle style() { return style; }

    List<String> tracers() { return tracers; }

    /** A tracer's name in legends. */
    String legend(String tracer) { return legend.get(tracer); }

    /** Workload × workers groups in display order, e.g. "mixed w1". */
    List<Group> groups() {
        Set<Group> s = new LinkedHashSet<>();
        analysis.configs().forEach(c -> s.add(new Group(c.config().workload(), c.config().workers())));
        return new ArrayList<>(s);
    }

    /** {@link #groups} but a rate sweep's levels, which have no × none ({@link ConfigStats#sweepLevel}). */
    List<Group> compared() {
        Set<Group> sweep = new LinkedHashSet<>();
        analysis.configs().stream().filter(ConfigStats::sweepLevel).forEach(c -> sweep.add(new Group(c.config().workload(), c.config().workers())));
        return groups().stream().filter(g -> !sweep.contains(g)).toList();
    }

    /** What tells {@link #groups} apart: "workload", "worker count" or "workload and worker count". */
    String groupedBy() {
        List<Group> gs = groups();
        boolean workloads = gs.stream().map(Group::workload).distinct().count() > 1;
        boolean workers = gs.stream().map(Group::workers).distinct().count() > 1;
        return workloads && workers ? "workload and worker count" : workers ? "worker count" : "workload";
    }

    record Group(String workload, int workers) {
        String label() { return workload + " w" + workers; }
        String fileSuffix() { return safe(workload) + "-w" + workers; }
    }

    /** Figure 1: throughput of each tracer normalized to none, grouped by workload × workers, with 95% intervals. */
    public Figure throughput() {
        List<String> labels = categoryLabels();
        CategoryChart c = category("Throughput relative to none", "", "throughput / none", labels,
                tracers.stream().map(legend::get).toList());
        List<String> shown = new ArrayList<>();
        List<double[][]> intervals = new ArrayList<>();
        double maxBar = 0, maxTop = 0;
        for (String tr : tracers) {
            List<Double> ys = new ArrayList<>();
            List<Integer> gaps = new ArrayList<>();
            double[] lo = new double[labels.size()], hi = new double[labels.size()];
            boolean any = false;
            List<Group> gs = compared();
            for (int i = 0; i < gs.size(); i++) {
                Group g = gs.get(i);
                ConfigStats s = analysis.find(tr, g.workload(), g.workers());
                double y = Double.NaN;
                lo[i] = Double.NaN;
                hi[i] = Double.NaN;
                if (s != null && "none".equals(tr)) {
                    Estimate t = s.metric(Metrics.THROUGHPUT);
                    if (t.n() > 0) {
                        y = 1;
                        if (t.hasInterval()) {
                            lo[i] = Math.max(0, t.ci95Low() / t.mean());
                            hi[i] = t.ci95High() / t.mean();
                        }
                    }
                } else if (s != null && s.throughputVsNone() != null) {
                    RatioEstimate r = s.throughputVsNone();
                    y = r.ratio();
                    lo[i] = r.ci95Low(); // NaN without an interval; +∞ above when unbounded (drawn open to the top)
                    hi[i] = r.ci95High();
                }
                any |= !Double.isNaN(y);
                if (Double.isNaN(y)) gaps.add(ys.size());
                else {
                    maxBar = Math.max(maxBar, y);
                    if (Double.isFinite(hi[i])) maxTop = Math.max(maxTop, hi[i]);
                }
                ys.add(Double.isNaN(y) ? 0 : y);
            }
            if (!any) continue;
            CategorySeries cs = c.addSeries(legend.get(tr), labels, ys);
            // A missing ratio is a gap, not a bar at 0 (which reads "stalled the load"): XChart draws a null y as a
            // gap and keeps this very list.
            gaps.forEach(i -> ys.set(i, null));
            cs.setFillColor(Palette.of(tr, tracers));
            shown.add(tr);
            intervals.add(new double[][] {lo, hi});
        }
        double axisEnd = axisEnd(maxBar, maxTop);
        boolean cut = maxTop > axisEnd || intervals.stream().anyMatch(iv -> java.util.Arrays.stream(iv[1]).anyMatch(Double::isInfinite));
        Whiskers w = new Whiskers(0, axisEnd, style.lineWidth(), Color.DARK_GRAY);
        intervals.forEach(iv -> w.add(iv[0], iv[1]));
        w.attachTo(c);
        boolean paired = analysis.hasRatios(true);
        return new Figure("throughput", "Throughput of each tracer relative to none (1.0 = no overhead), by "
                + groupedBy() + (paired ? ": the geometric mean of the within-pair ratios (each tracer trial ÷ the adjacent"
                + " none of its ABBA block)" : "") + "; error bars: 95% confidence intervals from their lower to their"
                + " upper bound (" + (paired ? "Student t over the pairs' log ratios" + (analysis.hasRatios(false)
                ? ", elsewhere Fieller's interval of the ratio of means" : "") : "Fieller's interval of the ratio")
                + ", which need not be symmetric; none's: its own throughput's interval); no"
                + " bar: the tracer or none has no valid trial there"
                + (cut ? "; the axis ends at " + Num.sig(axisEnd, 3) + ", and an interval reaching beyond it is drawn open"
                + " there (report.md and summary.json give every bound)." : "."),
                c, shown);
    }

    /** Figure 2: latency percentile spectrum per tracer for one group, all op kinds or one ({@code op}). */
    public Figure latency(String workload, int workers, String op) {
        Group g = new Group(workload, workers);
        String what = op == null ? "all operations" : op;
        // At a rate the .hlog's op latencies are service times; the iterations' (from the intended start) are in report.md.
        boolean rated = tracers.stream().map(tr -> analysis.find(tr, workload, workers))
                .anyMatch(s -> s != null && Double.isFinite(s.ratePerWorker()));
        XYChart c = xy((rated ? "Service time" : "Latency") + " by percentile, " + g.label() + ", " + what, "percentile",
                rated ? "service time (µs)" : "latency (µs)");
        // x = log10(1/(1-p)): XChart's tick-label function does not work on a logarithmic axis, so the log is
        // taken here and ticks are labelled as percentiles (1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%).
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setXAxisMin(Math.log10(2));
        c.getStyler().setXAxisMax(4.0);
        c.getStyler().setYAxisDecimalPattern("#0.##");
        c.getStyler().setxAxisTickLabelsFormattingFunction(FigureBuilder::ninesLabel);
        c.getStyler().setMarkerSize(0);
        List<String> shown = new ArrayList<>();
        for (String tr : tracers) {
            ConfigStats s = analysis.find(tr, workload, workers);
            if (s == null) continue;
            Histogram acc = null;
            for (Trial t : s.valid()) {
                for (Map.Entry<String, Histogram> e : LatencyLogs.read(t.dir()).entrySet()) {
                    if (op != null && !op.equals(e.getKey())) continue;
                    if (acc == null) acc = new Histogram(e.getValue().getNumberOfSignificantValueDigits());
                    acc.add(e.getValue());
                }
            }
            if (acc == null || acc.getTotalCount() == 0) continue;
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int k = 0; k <= 74; k++) {
                double tail = 0.5 * Math.pow(10, -k / 20.0);
                if (tail < 1e-4 * 0.999) break;
                xs.add(Math.log10(1 / tail));
                ys.add(Math.max(acc.getValueAtPercentile(100 * (1 - tail)), 1) / 1000.0);
            }
            XYSeries xy = c.addSeries(legend.get(tr), xs, ys);
            styleLine(xy, tr, false);
            shown.add(tr);
        }
        if (style == ChartStyle.PAPER && !c.getSeriesMap().isEmpty()) {
            // the curves climb from bottom left to top right: the default top-left legend hid their steep part
            XyLegends.placeForLines(c, Math.log10(2), 4.0, XyLegends.yData(c).min().orElse(1), true, shownLegends(shown));
        }
        String name = "latency-" + g.fileSuffix() + (op == null ? "" : "-" + safe(op));
        return new Figure(name, (rated ? "Service-time" : "Latency") + " percentile spectrum (HdrHistogram) for " + what
                + " of " + g.label() + ", every valid trial merged; x: percentile on a log \"nines\" scale."
                + (rated ? " At the workload's rate each operation is timed from its actual start, not from when the rate"
                + " meant its iteration to start: report.md's open-loop latency table has that latency." : ""), c, shown);
    }

    /** Figure 3: machine CPU (solid) and tracer-process CPU (dashed) over time, first valid repetition each. */
    public Figure cpuOverTime(String workload, int workers) {
        return new OverTimeFigures(this).cpu(new Group(workload, workers));
    }

    /** Figure 3b: operations per second in each second of the measured window, every valid repetition. */
    public Figure throughputOverTime(String workload, int workers) {
        return new OverTimeFigures(this).throughput(new Group(workload, workers));
    }

    /** Figure 4: tracer CPU cost: cores of the tracer's processes plus the extra kernel CPU per op against none, at its rate. */
    public Figure tracerCpu(String workload, int workers) {
        Group g = new Group(workload, workers);
        List<String> cats = new ArrayList<>(), shown = new ArrayList<>();
        for (String tr : tracers) {
            if (!"none".equals(tr) && analysis.find(tr, workload, workers) != null) cats.add(tr);
        }
        CategoryChart c = category("Tracer CPU cost, " + g.label(), "", "CPU (cores)", cats, List.of());
        c.getStyler().setStacked(true);
        c.getStyler().setLegendVisible(false);
        boolean allSplit = true;
        for (String tr : cats) {
            ConfigStats s = analysis.find(tr, workload, workers);
            double proc = s.metric(Metrics.CPU_TRACER).mean();
            // the machine's kernel time holds the tracer processes' own system time, which the dark part shows
            double own = s.valid().stream().mapToDouble(t -> t.cpuCores().tracerSystem()).average().orElse(Double.NaN);
            allSplit &= !Double.isNaN(own);
            double kern = Double.isNaN(s.extraKernelCores()) ? 0 : s.extraKernelCores() - (Double.isNaN(own) ? 0 : own);
            List<Double> a = new ArrayList<>(), b = new ArrayList<>();
            for (String o : cats) {
                a.add(o.equals(tr) && !Double.isNaN(proc) ? proc : 0.0);
                b.add(o.equals(tr) ? kern : 0.0);
            }
            c.addSeries(tr + " processes", cats, a).setFillColor(Palette.of(tr, tracers));
            c.addSeries(tr + " extra kernel", cats, b).setFillColor(Palette.light(Palette.of(tr, tracers), 0.55));
            shown.add(tr);
        }
        return new Figure("tracer-cpu-" + g.fileSuffix(), "Tracer CPU cost for " + g.label() + ": dark, cores "
                + "used by the tracer's processes; light, the machine's extra kernel CPU per operation against "
                + "none, at the tracer's operations per second, " + (allSplit ? "less the tracer processes' own system"
                + " time (in the dark part)" : "which includes the tracer processes' own system time (these results"
                + " do not split it out, so the bar counts it twice)") + " (means over trials; below 0 where the"
                + " tracer's trials spent less kernel time per operation than none's).",
                c, shown);
    }

    /** Figure 5: overhead (throughput lost, %) against completeness (operations seen, %), one point per tracer. */
    public Figure overheadVsCompleteness() {
        return new CompletenessFigures(this).overheadVsCompleteness();
    }

    /** Figure 5 for one workload × workers group: one point per tracer. */
    public Figure overheadVsCompleteness(String workload, int workers) {
        return new CompletenessFigures(this).overheadVsCompleteness(new Group(workload, workers));
    }

    /** Figure 6: slowdown per op kind and tracer ({@link OpSlowdowns}: mean latency ÷ none's). */
    public Figure slowdownPerOp() {
        return new SlowdownFigure(this).slowdownPerOp();
    }

    /** Every figure: 1, 5, 6 once; 2, 3, 4 (and 5 where there are several) per workload × workers; per-op latency when asked. */
    public List<Figure> all(boolean latencyPerOp) {
        List<Figure> out = new ArrayList<>();
        out.add(throughput());
        out.add(overheadVsCompleteness());
        out.add(slowdownPerOp());
        for (Group g : groups()) {
            out.add(latency(g.workload(), g.workers(), null));
            if (latencyPerOp) {
                Set<String> ops = new LinkedHashSet<>();
                analysis.configs().stream().filter(s -> s.config().workload().equals(g.workload())
                        && s.config().workers() == g.workers()).forEach(s -> ops.addAll(s.ops()));
                for (String op : ops) out.add(latency(g.workload(), g.workers(), op));
            }
            out.add(throughputOverTime(g.workload(), g.workers()));
            out.add(cpuOverTime(g.workload(), g.workers()));
            out.add(tracerCpu(g.workload(), g.workers()));
            if (compared().size() > 1 && compared().contains(g)) out.add(overheadVsCompleteness(g.workload(), g.workers()));
        }
        return out.stream().filter(f -> !f.tracers().isEmpty()).toList();
    }

    /** The category labels of {@link #groups}: the workload alone when every group has the same workers. */
    List<String> categoryLabels() {
        List<Group> gs = compared();
        boolean oneWorkers = gs.stream().map(Group::workers).distinct().count() == 1;
        return gs.stream().map(g -> oneWorkers ? g.workload() : g.label()).toList();
    }

    /**
     * Where a bar chart's y axis ends: at the error bars' top unless they reach beyond twice the tallest bar (and
     * beyond 1.2), whose intervals are then cut there, so an unbounded or huge interval does not squash every bar.
     */
    static double yTop(double maxBar, double maxTop) {
        double limit = Math.max(1.2, 2 * maxBar);
        return maxTop <= limit ? maxTop : limit;
    }

    /**
     * Where a bar chart with intervals ends: {@link #yTop} of the bars and the intervals' finite upper bounds, with
     * room above the tallest whisker's cap when nothing is cut.
     */
    static double axisEnd(double maxBar, double maxTop) {
        double top = yTop(maxBar, Math.max(maxBar, maxTop));
        return maxTop > top ? top : top * 1.04;
    }

    CategoryChart category(String title, String xTitle, String yTitle, List<String> categories, List<String> legend) {
        BarLayout layout = BarLayout.of(style, categories, legend);
        CategoryChart c = new CategoryChartBuilder().width(layout.widthPt()).height(layout.heightPt())
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style.apply(c.getStyler());
        c.getStyler().setXAxisLabelRotation(layout.labelRotation());
        BarLayout.alignRotatedLabels(c.getStyler(), layout.labelRotation());
        c.getStyler().setAvailableSpaceFill(0.8);
        layout.placeLegend(c.getStyler());
        c.getStyler().setXAxisTitleVisible(!xTitle.isEmpty());
        c.getStyler().setYAxisDecimalPattern(ChartStyle.DECIMALS);
        return c;
    }

    XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(style.widthPt()).height(style.heightPt())
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style.apply(c.getStyler());
        c.getStyler().setMarkerSize(style.markerSize());
        return c;
    }

    List<String> shownLegends(List<String> shownTracers) {
        return shownTracers.stream().map(legend::get).toList();
    }

    void styleLine(XYSeries s, String tracer, boolean dashed) {
        Color col = Palette.of(tracer, tracers);
        s.setLineColor(col);
        s.setMarker(SeriesMarkers.NONE);
        s.setMarkerColor(col);
        float w = style.lineWidth();
        s.setLineStyle(dashed ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {3 * w, 2 * w}, 0f) : new BasicStroke(w));
    }

    /**
     * Label of a "nines" axis value x = log10(1/(1−p)): 1 → "90%", 2.5 → "99.7%", 3 → "99.9%". Every tick gets a
     * label: XChart's tick layout never settles when some labels are empty.
     */
    static String ninesLabel(double x) {
        if (x < 0) return "";
        double p = 100 * (1 - Math.pow(10, -x));
        int decimals = Math.max(0, (int) Math.floor(x + 1e-9) - 1);
        String s = String.format(Locale.ROOT, "%." + decimals + "f", p);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
