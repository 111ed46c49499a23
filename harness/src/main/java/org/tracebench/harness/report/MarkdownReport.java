package org.tracebench.harness.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;

/**
 * report.md: the environment (manifest.json), then tables of throughput, overhead with interval, p50/p99 latency,
 * CPU, completeness per op kind and lost events, the embedded charts, and the warnings. Pure: analysis + chart
 * list → bytes; locale-independent.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    private static final java.util.Set<String> TEXT_COLUMNS = java.util.Set.of("", "tracer", "workload", "op", "trial", "status", "reason", "last stderr line");

    /** A chart to embed: path relative to the report, and its caption. */
    public record ChartRef(String relativePath, String caption) {}

    /** How a chart opens in Markdown: "![" (an image) for PNG and SVG, which viewers draw, else "[" (a PDF: a link). */
    public static String chartOpening(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.endsWith(".png") || p.endsWith(".svg") ? "![" : "[";
    }

    /** How × none was estimated, in the report's opening sentence. */
    static final String FIELLER_METHOD = "Fieller's interval of the ratio of means";
    static final String PAIRED_METHOD = "for tracers run in paired ABBA blocks, the geometric mean of the within-pair "
            + "ratios with a Student t interval over the pairs' logarithms";

    /** Why a rate sweep's levels have no × none, under the throughput table. */
    static final String SWEEP_LEVELS = "A rate sweep's levels (workload@R/s) have no × none: at a fixed rate the throughput"
            + " is the rate while the load keeps up, so its ratio would read as no cost; the Rate sweep section gives"
            + " each level's achieved rate, latency and completeness.";

    public static byte[] render(Analysis a, List<ChartRef> charts) {
        StringBuilder sb = new StringBuilder();
        Results r = a.results();
        sb.append("# tracebench report: ").append(r.suite()).append("\n\n");
        sb.append(trialCounts(r)).append(". Intervals are 95% (Student t over each configuration's valid trials; overhead: ")
                .append(a.hasRatios(true) ? PAIRED_METHOD + (a.hasRatios(false) ? "; outside them, " + FIELLER_METHOD : "")
                        : FIELLER_METHOD).append(").\n\n");
        EnvironmentSection.append(sb, r.manifest(), r.manifestProblem(), r.dir());
        throughput(sb, a);
        latency(sb, a);
        slowdowns(sb, a);
        cpu(sb, a);
        completeness(sb, a);
        if (!charts.isEmpty()) {
            sb.append("## Charts\n\n");
            for (ChartRef c : charts) {
                sb.append(chartOpening(c.relativePath())).append(c.caption().replace("]", ")").replace("[", "("))
                        .append("](")
                        .append(c.relativePath()).append(")\n\n*").append(c.caption()).append("*\n\n");
            }
        }
        problems(sb, r);
        sb.append("## Warnings\n\n");
        if (a.warnings().isEmpty()) sb.append("None.\n");
        for (RunWarning w : a.warnings()) sb.append("- ").append(w.labelled()).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * "8 trials: 6 valid, 1 invalid, 1 unfinished", with ", 1 unreadable" when there are; "28 of 36 planned trials:
     * ...; 8 not run" when trials of manifest.json's plan have no directory.
     */
    public static String trialCounts(Results r) {
        long ok = r.trials().stream().filter(Trial::ok).count();
        long inv = r.trials().stream().filter(t -> t.status() == Trial.Status.INVALID).count();
        long unf = r.trials().stream().filter(t -> t.status() == Trial.Status.UNFINISHED).count();
        long unr = r.trials().stream().filter(t -> t.status() == Trial.Status.UNREADABLE).count();
        int notRun = r.notRun().size();
        return r.trials().size() + (notRun == 0 ? "" : " of " + r.plan().planned().size() + " planned") + " trials: "
                + ok + " valid, " + inv + " invalid, " + unf + " unfinished" + (unr == 0 ? "" : ", " + unr + " unreadable")
                + (notRun == 0 ? "" : "; " + notRun + " not run");
    }

    private static void problems(StringBuilder sb, Results r) {
        List<String[]> rows = new ArrayList<>();
        for (Trial t : r.trials()) {
            if (t.ok()) continue;
            String tail = t.stderrTail() == null ? "" : t.stderrTail().strip().lines()
                    .reduce((a, b) -> b).orElse("");
            rows.add(new String[] {t.name(), t.status().name().toLowerCase(java.util.Locale.ROOT),
                t.invalidReason() == null ? "" : t.invalidReason(),
                t.tracerExitCode() == null ? "–" : t.tracerExitCode().toString(), tail.isEmpty() ? "" : "`" + tail.replace("`", "'") + "`"});
        }
        if (rows.isEmpty()) return;
        sb.append(r.trials().stream().anyMatch(t -> t.status() == Trial.Status.UNREADABLE)
                ? "## Invalid, unfinished and unreadable trials\n\n" : "## Invalid and unfinished trials\n\n");
        table(sb, new String[] {"trial", "status", "reason", "tracer exit", "last stderr line"}, rows);
    }

    private static void throughput(StringBuilder sb, Analysis a) {
        sb.append("## Throughput and overhead\n\n");
        List<String[]> rows = new ArrayList<>();
        Results res = a.results();
        Map<Analysis.Config, Integer> planned = res.plan().perConfig();
        boolean fewer = false;
        for (ConfigStats s : a.configs()) {
            Estimate t = s.metric(Metrics.THROUGHPUT);
            RatioEstimate r = s.throughputVsNone();
            Integer n = planned.get(s.config());
            boolean below = n != null && s.valid().size() < n;
            fewer |= below;
            rows.add(new String[] {s.config().tracer(), s.config().workload(), Integer.toString(s.config().workers()),
                s.valid().size() + (below ? " of " + n : "") + (s.invalid() > 0 ? " (+" + s.invalid() + " invalid)" : ""),
                Num.sig(t.mean(), 4), interval(t.ci95Low(), t.ci95High(), 4), Num.percent(t.cv()),
                r == null ? "–" : Num.sig(r.ratio(), 3), r == null ? "–" : interval(r.ci95Low(), r.ci95High(), 3),
                r == null ? "–" : Num.percent(1 - r.ratio())});
        }
        table(sb, new String[] {"tracer", "workload", "workers", "n", "ops/s", "95% CI", "CV",
            "× none", "95% CI", "throughput lost"}, rows);
        if (a.hasRatios(true)) {
            sb.append("× none: the geometric mean of the within-pair ratios (each tracer trial ÷ the adjacent none of its "
                    + "ABBA block; the paired overhead below), not the ratio of the ops/s column's means, which average "
                    + "every trial; n counts trials, not pairs" + (a.hasRatios(false) ? "; for tracers outside paired "
                    + "blocks, the ratio of the means with Fieller's interval" : "") + ".\n\n");
        }
        if (a.configs().stream().anyMatch(ConfigStats::sweepLevel)) sb.append(SWEEP_LEVELS).append("\n\n");
        if (fewer) sb.append("n of N: N trials were planned (manifest.json); the others are invalid, unfinished or not run.\n\n");
        List<String> none = new ArrayList<>();
        for (Analysis.Config c : res.plan().withoutTrials(res.trials())) {
            none.add(c.tracer() + " on " + c.workload() + " with " + c.workers() + (c.workers() == 1 ? " worker" : " workers")
                    + " (" + planned.get(c) + " planned)");
        }
        if (!none.isEmpty()) sb.append("Not one trial has run of ").append(String.join(", ", none)).append(".\n\n");
    }

    private static void latency(StringBuilder sb, Analysis a) {
        sb.append("## Latency (p50 / p99, µs, mean over trials)\n\n");
        List<String[]> rows = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            boolean rated = Double.isFinite(rate(s));
            for (String op : s.ops()) {
                Estimate p50 = s.metric("latency_p50." + op), p99 = s.metric("latency_p99." + op);
                rows.add(new String[] {s.config().tracer(), s.config().workload(),
                    Integer.toString(s.config().workers()), rated ? op + " (service time)" : op, Num.sig(p50.mean() / 1000, 3),
                    interval(p50.ci95Low() / 1000, p50.ci95High() / 1000, 3), Num.sig(p99.mean() / 1000, 3),
                    interval(p99.ci95Low() / 1000, p99.ci95High() / 1000, 3)});
            }
        }
        table(sb, new String[] {"tracer", "workload", "workers", "op", "p50", "95% CI", "p99", "95% CI"}, rows);
        openLoopLatency(sb, a);
    }

    /**
     * For workloads with a rate: the iteration latency from each iteration's intended start (coordinated-omission
     * corrected), the latency at that rate; their ops' latencies above are service times, from each op's actual start.
     */
    private static void openLoopLatency(StringBuilder sb, Analysis a) {
        List<String[]> rows = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            double rate = rate(s);
            if (!Double.isFinite(rate)) continue;
            String m = Metrics.ITERATION_LATENCY;
            Estimate p50 = s.metric(m + "_p50"), p99 = s.metric(m + "_p99");
            long unfinished = OpenLoopBacklog.unfinished(s);
            rows.add(new String[] {s.config().tracer(), s.config().workload(), Integer.toString(s.config().workers()),
                Num.sig(rate, 4), OpenLoopBacklog.bound(s, "p50", p50.mean()), nanosInterval(p50),
                OpenLoopBacklog.bound(s, "p99", p99.mean()) + (unfinished > 0 ? " (" + unfinished + " unfinished)" : ""),
                nanosInterval(p99), OpenLoopBacklog.bound(s, "p999", s.metric(m + "_p999").mean()),
                OpenLoopBacklog.bound(s, "max", s.metric(m + "_max").mean())});
        }
        if (rows.isEmpty()) return;
        sb.append("## Open-loop latency (whole iterations from their intended start, mean over trials)\n\n");
        sb.append("These workloads run at a fixed rate. Their ops' latencies above are service times, from each operation's"
                + " actual start, and stay small while the load generator falls behind; the latency at the rate is an"
                + " iteration's, from the moment the rate meant it to start (coordinated-omission corrected). An iteration"
                + " still unfinished when the window ended is recorded with the time it had waited by then, not its"
                + " whole latency, so a figure those could raise by over 1% is a lower bound, marked ≥, with the most"
                + " iterations one trial left unfinished.\n\n");
        table(sb, new String[] {"tracer", "workload", "workers", "iterations/s per worker", "p50", "95% CI", "p99",
            "95% CI", "p99.9", "max"}, rows);
    }

    /** Nanoseconds to 3 significant digits in ns, µs, ms or s: open-loop latencies run from µs to seconds. */
    public static String nanos(double ns) {
        if (Double.isNaN(ns) || ns == 0) return Double.isNaN(ns) ? "–" : "0"; // an interval's floor: "0", not "0 ns"
        double a = Math.abs(ns);
        if (a < 1e3) return Num.sig(ns, 3) + " ns";
        if (a < 1e6) return Num.sig(ns / 1e3, 3) + " µs";
        return a < 1e9 ? Num.sig(ns / 1e6, 3) + " ms" : Num.sig(ns / 1e9, 3) + " s";
    }

    private static String nanosInterval(Estimate e) {
        if (Double.isNaN(e.ci95Low()) || Double.isNaN(e.ci95High())) return "–";
        return nanos(Math.max(0, e.ci95Low())) + " – " + nanos(e.ci95High());
    }

    private static double rate(ConfigStats s) {
        return s == null ? Double.NaN : s.ratePerWorker();
    }

    /** "; runs with 2 workers are not shown (...)", "; the slowdown of stat on workload b is not shown (...)" or "". */
    private static String leftOut(Analysis a, List<OpSlowdowns.Slowdown> all) {
        String note = SlowdownScope.of(a, all).leftOutNote();
        return note.isEmpty() ? "" : "; " + note;
    }

    private static void slowdowns(StringBuilder sb, Analysis a) {
        List<OpSlowdowns.Slowdown> all = OpSlowdowns.all(a);
        Map<String, Map<String, OpSlowdowns.Slowdown>> byTracer = OpSlowdowns.byTracer(all);
        if (byTracer.isEmpty()) return;
        sb.append("## Slowdown per operation kind (the tracer's mean latency ÷ none's, with its 95% CI)\n\n");
        List<String> tracers = new ArrayList<>(byTracer.keySet());
        List<String[]> rows = new ArrayList<>();
        for (String op : OpSlowdowns.ops(all)) {
            java.util.Set<String> on = new java.util.LinkedHashSet<>();
            List<String> row = new ArrayList<>(List.of(op, ""));
            for (String tr : tracers) {
                OpSlowdowns.Slowdown d = byTracer.get(tr).get(op);
                if (d == null) {
                    row.add("–");
                    continue;
                }
                on.add(d.workload() + " w" + d.workers());
                row.add(Num.sig(d.factor(), 3) + (Double.isNaN(d.ci95Low()) ? "" : " (" + interval(d.ci95Low(), d.ci95High(), 3) + ")"));
            }
            row.set(1, String.join(", ", on));
            rows.add(row.toArray(String[]::new));
        }
        List<String> header = new ArrayList<>(List.of("op", "workload"));
        header.addAll(tracers);
        table(sb, header.toArray(String[]::new), rows);
        sb.append(slowdownMethod(all)).append(" Each kind is measured on a workload doing only that kind where the suite has one, else on the one "
                + "doing it with the fewest other kinds (the workload column)" + leftOut(a, all) + ". Latency, not throughput: in a workload that mixes "
                + "kinds every kind runs once per iteration, so their throughputs fall together."
                + (all.stream().anyMatch(d -> Double.isFinite(rate(a.find(d.tracer(), d.workload(), d.workers()))))
                ? " Where that workload has a rate, its latencies are service times, from each operation's actual start:"
                + " what an operation costs, not how late the load generator ran (the open-loop table has that)." : "")
                + "\n\n");
    }

    /** How the per-op slowdowns were estimated: within-pair as × none in a paired run, else Fieller's. */
    static String slowdownMethod(List<OpSlowdowns.Slowdown> all) {
        String fieller = "the ratio of the mean latencies over trials with Fieller's interval";
        return "Ratios: " + (OpSlowdowns.any(all, true) ? "for tracers run in paired ABBA blocks, as × none, the geometric"
                + " mean of the within-pair ratios of the trials' mean latencies (each tracer trial ÷ the adjacent none of"
                + " its ABBA block) with a Student t interval over their logarithms"
                + (OpSlowdowns.any(all, false) ? "; outside them, " + fieller : "") : fieller) + ".";
    }

    private static void cpu(StringBuilder sb, Analysis a) {
        sb.append("## CPU (cores, mean over trials; the last three columns list each valid trial's value)\n\n");
        sb.append("extra kernel = the machine's kernel CPU per operation less none's, at the tracer's ops/s; it includes"
                + " the tracer processes' own system time, which the tracer-cpu chart's light bar leaves out where the"
                + " trials split it out (cpuCores.tracerSystem; its dark bar, the tracer processes, holds it).\n\n");
        List<String[]> rows = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            rows.add(new String[] {s.config().tracer(), s.config().workload(), Integer.toString(s.config().workers()),
                Num.fixed(s.metric(Metrics.CPU_TRACER).mean(), 3), Num.fixed(s.extraKernelCores(), 3),
                Num.fixed(s.metric(Metrics.CPU_LOAD).mean(), 3), Num.fixed(s.metric(Metrics.CPU_SYSTEM).mean(), 3),
                Num.fixed(s.metric(Metrics.CPU_HARNESS).mean(), 4),
                perTrial(s, Trial::tracerOnWorkerCpuShare, Num::percent),
                perTrial(s, t -> t.cpuCores().steal(), v -> Num.fixed(v, 3)),
                perTrial(s, t -> t.cpuCores().otherUser(), v -> Num.fixed(v, 3))});
        }
        table(sb, new String[] {"tracer", "workload", "workers", "tracer processes", "extra kernel per op vs none, at tracer's ops/s",
            "load generator", "machine busy", "harness", "tracer on a worker's CPU, per trial",
            "stolen by other guests, per trial", "other processes (user), per trial"}, rows);
    }

    /**
     * A value per valid trial ("100%, 40%"), where trials may differ widely: the share of samples with the tracer on
     * a worker's CPU, the steal, other processes' CPU. "–" when no trial knows it.
     */
    private static String perTrial(ConfigStats s, java.util.function.ToDoubleFunction<Trial> value,
                                   java.util.function.DoubleFunction<String> format) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.valid()) {
            double v = value.applyAsDouble(t);
            if (!Double.isNaN(v)) out.add(format.apply(v));
        }
        return out.isEmpty() ? "–" : String.join(", ", out);
    }

    private static void completeness(StringBuilder sb, Analysis a) {
        sb.append("## Completeness (performed, seen: sums over the n valid trials; seen %, paths: means of the trials' shares)\n\n");
        if (onlyNone(a)) { // tracers: [none]; its Lost events subsection would say the same
            sb.append("No tracer besides none in this run: there is nothing whose completeness to measure.\n\n");
            return;
        }
        sb.append("performed = the load generator's count (warm-up included: it is traced too); seen = the tracer's "
                + "events that match the kind's paths, as operations: the share of the calls the operations on those "
                + "paths issue that the tracer reported (a rename renames back: two calls; where kinds share a path, "
                + "as exec kinds running one binary do, their calls are shared out by what each performed); "
                + "seen % = the mean over the n trials of each trial's seen / performed (each capped at 100%), not the "
                + "summed seen ÷ the summed performed, which weighs longer trials more (summary.csv has each trial's "
                + "share); *≤* = an upper bound, not a match: the tracer reported "
                + "the kind (or some of its calls) without a path, so the kind counted such events as its own, as many "
                + "as it had calls the tracer did not report with a path (another kind may count the same events; a file "
                + "already deleted when the tracer named it, only a kind that unlinks the file it opens), and other calls "
                + "of the same kind (the load generator JVM's own) count too; paths = recall over distinct paths, the "
                + "mean of the trials' own; *blind* = the "
                + "tracer cannot observe this kind by design (not a miss); "
                + (a.configs().stream().anyMatch(ConfigStats::someNotTraced) ? "*not traced* = this configuration's "
                + "options leave out every system call of the kind (strace's syscalls): a choice, not a blind spot, and "
                + "no sign of lost events (the capability notes name the calls); " : "")
                + "*(as ...)* = what stood for the operation "
                + "where the tracer has no event of its own for it.\n\n");
        List<String[]> rows = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            if ("none".equals(s.config().tracer()) || s.valid().isEmpty()) continue;
            List<String> ops = new ArrayList<>();
            s.valid().forEach(t -> t.completeness().keySet().forEach(o -> { if (!ops.contains(o)) ops.add(o); }));
            for (String op : ops) {
                boolean notTraced = s.valid().stream().map(t -> t.completeness().get(op))
                        .anyMatch(c -> c != null && c.notTraced());
                boolean blind = s.valid().stream().map(t -> t.completeness().get(op))
                        .anyMatch(c -> c != null && !c.observable());
                String unseen = notTraced ? "not traced" : "blind";
                List<Trial.Completeness> cs = s.valid().stream().map(t -> t.completeness().get(op)).filter(c -> c != null).toList();
                long performed = cs.stream().mapToLong(Trial.Completeness::performed).sum();
                long seen = cs.stream().mapToLong(Trial.Completeness::seen).sum();
                boolean byCount = s.valid().stream().map(t -> t.completeness().get(op))
                        .anyMatch(c -> c != null && c.countAttributed());
                String seenAs = s.valid().stream().map(t -> t.completeness().get(op))
                        .filter(c -> c != null && c.seenAs() != null).map(Trial.Completeness::seenAs).findFirst().orElse(null);
                rows.add(new String[] {s.config().tracer(), s.config().workload(),
                    Integer.toString(s.config().workers()), seenAs == null ? op : op + " (as " + seenAs + ")",
                    Integer.toString(cs.size()), Long.toString(performed), Long.toString(seen),
                    blind ? unseen : (byCount ? "≤ " : "") + Num.percent(s.metric("completeness." + op).mean()),
                    blind ? unseen : Num.percent(s.metric("path_recall." + op).mean())});
            }
        }
        table(sb, new String[] {"tracer", "workload", "workers", "op", "n", "performed", "seen", "seen %", "paths"},
                rows);
        sb.append("### Lost events\n\n");
        List<String[]> lost = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            if ("none".equals(s.config().tracer()) || s.valid().isEmpty()) continue;
            lost.add(new String[] {s.config().tracer(), s.config().workload(), Integer.toString(s.config().workers()),
                s.lostEventsKnown() ? Long.toString(s.lostEvents()) : "unknown",
                s.seenHeadline()});
        }
        table(sb, new String[] {"tracer", "workload", "workers", "lost events (sum)", "operations seen, of observable kinds"},
                lost);
        sb.append("Operations seen: of the kinds the tracer can observe (the kinds it is blind to by design"
                + (a.configs().stream().anyMatch(ConfigStats::someNotTraced) ? ", and those the configuration's options"
                + " leave untraced," : "") + " are left out and counted after the share); "
                + "≤ where some kind's share is an upper bound (above); there an event without a path counts once, as one "
                + "operation at most, however many kinds counted it.\n\n");
    }

    /** True when the run has valid trials and none ran (or was planned) with a tracer: {@code tracers: [none]}. */
    private static boolean onlyNone(Analysis a) {
        Results r = a.results();
        return !r.okTrials().isEmpty() && r.tracers().equals(List.of("none"))
                && r.plan().planned().stream().allMatch(e -> "none".equals(e.config().tracer()));
    }

    /** A t interval of a quantity that cannot be negative: the lower bound is shown clipped at 0. */
    private static String interval(double lo, double hi, int sig) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) return "–";
        return Num.sig(Math.max(0, lo), sig) + " – " + Num.sig(hi, sig);
    }

    static void table(StringBuilder sb, String[] header, List<String[]> rows) {
        if (rows.isEmpty()) {
            sb.append("No valid trials.\n\n");
            return;
        }
        sb.append('|');
        for (String h : header) sb.append(' ').append(h).append(" |");
        sb.append("\n|");
        for (String h : header) sb.append(TEXT_COLUMNS.contains(h) ? "---|" : "--:|");
        sb.append('\n');
        for (String[] r : rows) {
            sb.append('|');
            for (String c : r) sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
            sb.append('\n');
        }
        sb.append('\n');
    }
}
