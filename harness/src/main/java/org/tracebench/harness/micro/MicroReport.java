package org.tracebench.harness.micro;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.tracebench.harness.charts.ChartFormat;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;
import org.tracebench.harness.charts.Palette;
import org.tracebench.harness.charts.ReportCharts;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.report.Latex;
import org.tracebench.harness.report.MarkdownReport;
import org.tracebench.harness.report.Num;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.loadgen.bench.OpBenchmark;
import org.tracebench.loadgen.op.OpKind;

/**
 * The micro part of {@code tracebench report}: for a results directory written by {@code tracebench micro}
 * (it has micro-summary.json), report.md with the merged table (ns/op ± JMH error per tracer, added cost over none
 * ± combined error), a per-tracer status table (exit code, lost events, processes seen in the cgroup) and the chart
 * {@code charts/micro-ns-per-op.*} (bars per op and tracer, log scale). A tracer is named by its label with its
 * {@code --tracer-option} values ({@link MicroWarnings#label}), one that lost events is marked †, and the warnings are
 * coded ({@link MicroWarnings}). It writes nothing but report.md, charts/ and tables/.
 */
public final class MicroReport {
    private MicroReport() {}

    /** True for a directory written by {@code tracebench micro}. */
    public static boolean isMicroResults(Path dir) {
        return Files.isRegularFile(dir.resolve(MicroSummary.JSON));
    }

    /** The report command's work for a micro directory; returns its exit code (0, or 1 after a message). */
    public static int write(Path dir, Set<ChartFormat> formats, ChartStyle style, PrintWriter out, PrintWriter err) {
        try {
            Map<String, Object> manifest = manifest(dir);
            List<MicroSummary.Row> rows = relabel(MicroSummary.read(dir), manifest);
            Map<String, Map<String, Object>> tracers = relabel(MicroSummary.readTracers(dir), manifest);
            List<ReportCharts.Written> written = formats.isEmpty() || rows.isEmpty() ? List.of()
                    : ReportCharts.write(List.of(figure(rows, tracers, style)), dir.resolve("charts"), formats, style);
            StringBuilder sb = new StringBuilder("# tracebench micro report\n\n");
            sb.append(markdown(rows, tracers, manifest));
            for (ReportCharts.Written w : written) {
                Path e = w.embeddable();
                if (e != null) sb.append("\n").append(MarkdownReport.chartOpening(e.toString())).append(w.figure().caption())
                        .append("](charts/").append(e.getFileName())
                        .append(")\n\n*").append(w.figure().caption()).append("*\n");
            }
            AtomicFiles.write(dir.resolve("report.md"), sb.toString().getBytes(StandardCharsets.UTF_8));
            List<Path> stale = ReportCharts.removeStale(dir.resolve("charts"), ReportCharts.REPORT_CHARTS,
                    written.stream().flatMap(w -> w.files().stream()).toList());
            boolean table = !rows.isEmpty();
            if (table) AtomicFiles.write(dir.resolve("tables").resolve("micro.tex"), latex(rows, tracers, manifest));
            out.println("Wrote " + dir.resolve("report.md") + ", " + written.size() + " charts in " + dir.resolve("charts")
                    + (table ? " and a LaTeX table in " + dir.resolve("tables") : "") + "." + ReportCharts.removedNote(stale));
            RunWarning.terminalLines(MicroWarnings.of(tracers, manifest, true)).forEach(w -> err.println("Warning: " + w));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("Could not write the micro report for " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    /** manifest.json read without opening the directory for writing ({@code ResultsDir.open} makes trials/); empty without. */
    static Map<String, Object> manifest(Path dir) throws IOException {
        Path f = dir.resolve("manifest.json");
        if (!Files.isRegularFile(f)) return Map.of();
        if (!(ResultsDir.readJson(f) instanceof Map<?, ?> m)) throw new IOException(f + " does not hold a JSON object.");
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** The rows with each tracer {@link MicroWarnings#relabel}led by the options manifest.json gives it. */
    static List<MicroSummary.Row> relabel(List<MicroSummary.Row> rows, Map<String, Object> manifest) {
        return rows.stream().map(r -> new MicroSummary.Row(MicroWarnings.relabel(r.tracer(), manifest), r.op(), r.nsPerOp(),
                r.errorNs(), r.samples(), r.addedNs(), r.addedErrorNs(), r.ratioVsNone(), r.source())).toList();
    }

    /** The tracers' statuses keyed by {@link MicroWarnings#relabel}led tracer. */
    static Map<String, Map<String, Object>> relabel(Map<String, Map<String, Object>> tracers, Map<String, Object> manifest) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        tracers.forEach((t, s) -> out.put(MicroWarnings.relabel(t, manifest), s));
        return out;
    }

    /** The merged table as Markdown, preceded by the settings and the warnings ({@link MicroWarnings}), then each tracer's status. */
    public static String markdown(List<MicroSummary.Row> rows, Map<String, Map<String, Object>> tracers, Map<String, Object> manifest) {
        return markdown(rows, tracers, manifest, true);
    }

    /** {@link #markdown(List, Map, Map)}, with the warnings only when {@code withWarning} (micro prints them on stderr). */
    public static String markdown(List<MicroSummary.Row> rows, Map<String, Map<String, Object>> tracers, Map<String, Object> manifest,
                                  boolean withWarning) {
        rows = relabel(rows, manifest);
        tracers = relabel(tracers, manifest);
        StringBuilder sb = new StringBuilder();
        if (manifest.get("micro") instanceof Map<?, ?> m) {
            sb.append("JMH options: `").append(m.get("jmhArgs")).append("`; ops: ").append(m.get("ops"));
            if (m.get("pinning") != null) sb.append("; pinning: ").append(m.get("pinning"));
            if (m.get("launchMechanisms") instanceof Map<?, ?> l && !l.isEmpty()) {
                sb.append("; children started with the launch mechanism ").append(launchText(l));
            }
            sb.append(".\n\n");
        }
        sb.append("Cost of one iteration of the load generator's loop in ns (JMH average time): the operation, and for ")
                .append("the kinds marked (+ …) its undo, which the load generator does untimed (the tracer sees both); ")
                .append("± JMH's 99.9% error; added = tracer − none, ")
                .append("± sqrt(error² + error_none²); – where JMH had too few samples for an error.\n\n");
        List<RunWarning> warnings = withWarning ? MicroWarnings.of(tracers, manifest, true) : List.of();
        if (!warnings.isEmpty()) {
            sb.append("Warnings:\n\n");
            warnings.forEach(w -> sb.append("- ").append(w.labelled()).append('\n'));
            sb.append('\n');
        }
        List<String> tr = tracers(rows);
        boolean anyLost = false;
        List<String> ops = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MicroSummary.Row::op).toList()));
        List<String> header = new ArrayList<>(List.of("op"));
        for (String t : tr) {
            boolean lost = MicroWarnings.lostEvents(tracers.get(t));
            anyLost |= lost;
            header.add(t + (lost ? " †" : "") + " ns/op");
            if (!t.equals("none")) header.add(t + (lost ? " †" : "") + " added ns");
        }
        sb.append('|').append(String.join("|", header)).append("|\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i == 0 ? "---" : "---:").append('|');
        sb.append('\n');
        for (String op : ops) {
            sb.append('|').append(opLabel(op));
            for (String t : tr) {
                MicroSummary.Row r = find(rows, t, op);
                sb.append('|').append(r == null ? "" : pm(r.nsPerOp(), r.errorNs()));
                if (!t.equals("none")) {
                    sb.append('|').append(r == null || Double.isNaN(r.addedNs()) ? "" : pm(r.addedNs(), r.addedErrorNs())
                            + " (×" + Num.sig(r.ratioVsNone(), 3) + ")");
                }
            }
            sb.append("|\n");
        }
        if (anyLost) sb.append("\n† ").append(LOST).append(" (the status table below; micro-summary's lostEvents).\n");
        if (!tracers.isEmpty()) {
            sb.append("\n|tracer|status|tracer exit code|lost events|processes seen in the cgroup|tracer on the benchmark"
                    + " thread's CPU|\n|---|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, Map<String, Object>> e : tracers.entrySet()) {
                Map<String, Object> v = e.getValue();
                Object lost = v.get("lostEvents");
                boolean lostSome = lost instanceof Number n && n.longValue() > 0;
                sb.append('|').append(e.getKey()).append('|').append(v.get("status"))
                        .append("ok".equals(v.get("status")) ? (lostSome ? ", but it lost events: it did less than"
                                + " all of its work, so its cost is understated" : "") : ": " + v.get("reason")).append('|')
                        .append(e.getKey().equals("none") ? "–" : str(v.get("tracerExitCode"))).append('|') // none runs no tracer
                        .append(lost instanceof Number n && n.longValue() < 0 ? "unknown" : str(lost)).append('|')
                        .append(str(v.get("cgroupPidsSeen"))).append('|')
                        .append(v.get("cpuPlacement") instanceof Map<?, ?> pl ? pl.get("share") == null ? "–"
                                : pl.get("tracerOnWorkerCpu") + " of " + pl.get("samples") + " samples" : "").append("|\n");
            }
        }
        return sb.toString();
    }

    /** "VFORK (execute-subproc, execute-subthread), FORK (fork)": op → mechanism grouped by mechanism. */
    static String launchText(Map<?, ?> launch) {
        Map<String, List<String>> by = new java.util.LinkedHashMap<>();
        launch.forEach((op, l) -> by.computeIfAbsent(String.valueOf(l), x -> new ArrayList<>()).add(String.valueOf(op)));
        List<String> parts = new ArrayList<>();
        by.forEach((l, ops) -> parts.add(l + " (" + String.join(", ", ops) + ")"));
        return String.join(", ", parts);
    }

    /** {@code op}, with what a benchmark iteration does besides it ("mkdir (+ rmdir)"). */
    static String opLabel(String op) {
        return OpKind.byName(op).map(OpBenchmark::undo).map(u -> op + " (+ " + u + ")").orElse(op);
    }

    /** What a † after a tracer means, in report.md, micro.tex and the chart's caption. */
    static final String LOST = "the tracer lost events: it did less than all of its work, so its cost is understated";

    /**
     * tables/micro.tex: per op, none's ns/op and each tracer's added ns with its ratio to none, JMH errors as ±; a
     * booktabs tabular ({@link Latex}) with the same numbers as report.md.
     */
    public static byte[] latex(List<MicroSummary.Row> rows, Map<String, Object> manifest) {
        return latex(rows, Map.of(), manifest);
    }

    /** {@link #latex(List, Map)}, a tracer that lost events ({@code tracers}, its status) marked $^\dagger$. */
    public static byte[] latex(List<MicroSummary.Row> rows, Map<String, Map<String, Object>> tracers, Map<String, Object> manifest) {
        rows = relabel(rows, manifest);
        tracers = relabel(tracers, manifest);
        List<String> tr = tracers(rows);
        boolean anyLost = false;
        List<String> ops = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MicroSummary.Row::op).toList()));
        List<String> top = new ArrayList<>(List.of("")), sub = new ArrayList<>(List.of("Operation"));
        List<Integer> spans = new ArrayList<>();
        StringBuilder spec = new StringBuilder("l");
        for (String t : tr) {
            boolean none = t.equals("none");
            boolean lost = MicroWarnings.lostEvents(tracers.get(t));
            anyLost |= lost;
            top.add(lost ? "\\multicolumn{" + (none ? 1 : 2) + "}{c}{" + Latex.tex(t) + "$^\\dagger$}" : Latex.group(none ? 1 : 2, t));
            sub.addAll(none ? List.of("ns") : List.of("+ns", "$\\times$"));
            spans.add(none ? 1 : 2);
            spec.append(none ? "r" : "rr");
        }
        List<String[]> body = new ArrayList<>();
        for (String op : ops) {
            List<String> row = new ArrayList<>(List.of(Latex.tex(opLabel(op))));
            for (String t : tr) {
                MicroSummary.Row r = find(rows, t, op);
                if (t.equals("none")) {
                    row.add(r == null ? "" : Latex.tex(pm(r.nsPerOp(), r.errorNs())));
                } else {
                    boolean added = r != null && !Double.isNaN(r.addedNs());
                    row.add(added ? Latex.tex(pm(r.addedNs(), r.addedErrorNs())) : "");
                    row.add(added ? Latex.tex(Num.sig(r.ratioVsNone(), 3)) : "");
                }
            }
            body.add(row.toArray(String[]::new));
        }
        String jmh = manifest.get("micro") instanceof Map<?, ?> m && m.get("jmhArgs") != null ? "; options "
                + Latex.tex(String.valueOf(m.get("jmhArgs"))) : "";
        if (manifest.get("micro") instanceof Map<?, ?> m && m.get("pinning") != null) {
            jmh += "; pinning " + Latex.tex(String.valueOf(m.get("pinning")));
        }
        if (manifest.get("micro") instanceof Map<?, ?> m && m.get("launchMechanisms") instanceof Map<?, ?> l && !l.isEmpty()) {
            jmh += "; children started with " + Latex.tex(launchText(l));
        }
        StringBuilder sb = Latex.preamble("micro report", manifest, "Cost of one iteration of the load generator's "
                + "loop: the file operation and, for the kinds marked (+ \\ldots), its undo, which the load generator "
                + "does untimed, in nanoseconds (JMH average time" + jmh + "): without a tracer (none), and what each "
                + "tracer adds to it (+ns, the tracer's time minus none's) with the ratio of the two ($\\times$); $\\pm$, "
                + "JMH's 99.9\\% error, combined as the root of the sum of squares for +ns; -- where JMH had too few "
                + "samples for an error." + (anyLost ? " $^\\dagger$ " + Latex.tex(LOST) + "." : ""));
        Latex.tabular(sb, spec.toString(), java.util.Collections.singletonList(top.toArray(String[]::new)),
                spans.stream().mapToInt(Integer::intValue).toArray(), sub.toArray(String[]::new), List.of(body));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String pm(double v, double err) {
        return Num.sig(v, 4) + (Double.isNaN(err) ? " ± –" : " ± " + Num.sig(err, 2));
    }

    private static MicroSummary.Row find(List<MicroSummary.Row> rows, String tracer, String op) {
        for (MicroSummary.Row r : rows) if (r.tracer().equals(tracer) && r.op().equals(op)) return r;
        return null;
    }

    private static List<String> tracers(List<MicroSummary.Row> rows) {
        return new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MicroSummary.Row::tracer).toList()));
    }

    /**
     * Bars of ns/op per op (x) and tracer (series) on a log y axis. No error bars: XChart 3.8.8 draws a category
     * error bar on a log axis as log10(error) long, which means nothing; JMH's errors are in the table instead.
     */
    static Figure figure(List<MicroSummary.Row> rows, ChartStyle style) {
        return figure(rows, Map.of(), style);
    }

    /** {@link #figure(List, ChartStyle)}, the legend entry of a tracer that lost events marked "(lost events)". */
    static Figure figure(List<MicroSummary.Row> rows, Map<String, Map<String, Object>> tracers, ChartStyle style) {
        List<String> tr = tracers(rows);
        List<String> ops = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(MicroSummary.Row::op).toList()));
        CategoryChart c = new CategoryChartBuilder().width(style.widthPt()).height(style.heightPt())
                .title("Cost of one operation per tracer (JMH)").xAxisTitle("").yAxisTitle("ns per operation (log)").build();
        style.apply(c.getStyler());
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setXAxisTitleVisible(false);
        c.getStyler().setXAxisLabelRotation(ops.size() > 3 ? 30 : 0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        double lowest = Double.MAX_VALUE;
        boolean anyLost = false;
        for (String t : tr) {
            List<Double> ys = new ArrayList<>();
            for (String op : ops) {
                MicroSummary.Row r = find(rows, t, op);
                double y = r == null || !(r.nsPerOp() > 0) ? 1 : r.nsPerOp();
                ys.add(y);
                lowest = Math.min(lowest, y);
            }
            boolean lost = MicroWarnings.lostEvents(tracers.get(t));
            anyLost |= lost;
            CategorySeries s = c.addSeries(lost ? t + " (lost events)" : t, ops, ys);
            s.setFillColor(Palette.of(t, tr));
        }
        // Bars start at the axis minimum, which XChart puts at 0 unless told: a log axis needs a positive one.
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(lowest, 1e-3)))));
        return new Figure("micro-ns-per-op", "Cost of one iteration (the operation, and its undo for the kinds marked"
                + " in the table) in ns per tracer (JMH average time, log scale; JMH's 99.9% errors are in the table)"
                + (anyLost ? "; (lost events): " + LOST : ""), c, tr);
    }
}
