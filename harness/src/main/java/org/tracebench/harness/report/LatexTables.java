package org.tracebench.harness.report;

import static org.tracebench.harness.report.Latex.tex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;

/**
 * report.md's main tables as LaTeX {@code tabular}s for a paper, to {@code \input} inside a table of one's own:
 * {@code overhead.tex} (per configuration: throughput, × none with its 95% interval, CPU, share of operations seen),
 * {@code completeness.tex} (per workload and worker count, op kind and tracer: operations and paths seen)
 * and {@code slowdown.tex} (per op kind and tracer: latency × none with its interval). They need only the
 * booktabs package. Each file opens with
 * comment lines naming the run and offering a caption that states what the columns mean and what was held constant
 * (columns that are the same in every row are left out and named there instead). Pure: analysis → bytes, the same
 * numbers as report.md; locale-independent.
 */
public final class LatexTables {
    private LatexTables() {}

    /** One table: its file name (under the results directory's {@code tables/}) and its bytes. */
    public record Table(String fileName, byte[] bytes) {}

    /** The tables there is data for: overhead always, completeness with a tracer, slowdown with a baseline. */
    public static List<Table> render(Analysis a) {
        List<Table> out = new ArrayList<>();
        out.add(new Table("overhead.tex", overhead(a)));
        List<String> tracers = tracers(a);
        if (!tracers.isEmpty()) out.add(new Table("completeness.tex", completeness(a, tracers)));
        List<OpSlowdowns.Slowdown> slow = OpSlowdowns.all(a);
        if (!slow.isEmpty()) out.add(new Table("slowdown.tex", slowdown(a, slow)));
        Table openLoop = OpenLoopTable.render(a); // with a rated configuration
        if (openLoop != null) out.add(openLoop);
        return out;
    }

    private static final String FIELLER_RATIO = "the ratio of mean throughputs with Fieller's 95\\% interval";
    private static final String PAIRED_RATIO = "the geometric mean of the within-pair throughput ratios (each trial "
            + "of the tracer over the adjacent run without one, in ABBA blocks) with its 95\\% interval (Student $t$ "
            + "on the log ratios)";
    private static final String FIELLER_LATENCY_RATIO = "the ratio of mean latencies with Fieller's 95\\% interval over "
            + "trials";
    private static final String PAIRED_LATENCY_RATIO = "the geometric mean of the within-pair ratios of mean latencies "
            + "(each trial of the tracer over the adjacent run without one, in ABBA blocks, as $\\times$ none) with its "
            + "95\\% interval (Student $t$ on the log ratios)";

    /**
     * One row per configuration, a block of rows per workload and worker count (named in a row of its own when there
     * are several), headers on two lines: narrow enough for a one-column article's text width.
     */
    private static byte[] overhead(Analysis a) {
        boolean workloads = a.configs().stream().map(s -> s.config().workload()).distinct().count() > 1;
        boolean workers = a.configs().stream().map(s -> s.config().workers()).distinct().count() > 1;
        List<String[]> head = List.of(new String[] {"", "", "", "$\\times$", "", "Tracer", "Extra", "Seen"},
                new String[] {"Tracer", "$n$", "ops/s", "none", "95\\% CI", "CPU", "kernel", "(\\%)"});
        List<List<String[]>> groups = new ArrayList<>();
        String group = null;
        for (ConfigStats s : a.configs()) {
            String key = s.config().workload() + " " + s.config().workers();
            if (!key.equals(group)) {
                groups.add(new ArrayList<>());
                if (workloads || workers) {
                    groups.get(groups.size() - 1).add(new String[] {"\\multicolumn{" + head.get(0).length + "}{l}{\\emph{"
                            + tex(blockName(new Analysis.Config("", s.config().workload(), s.config().workers()), workloads,
                            workers)) + "}}"});
                }
            }
            group = key;
            boolean none = "none".equals(s.config().tracer());
            RatioEstimate r = s.throughputVsNone();
            groups.get(groups.size() - 1).add(new String[] {tex(s.config().tracer()) + OpenLoopTable.dagger(s),
                    Integer.toString(s.valid().size()), tex(Num.sig(s.metric(Metrics.THROUGHPUT).mean(), 4)),
                    r == null ? "--" : tex(Num.sig(r.ratio(), 3)),
                    r == null ? "--" : interval(r.ci95Low(), r.ci95High(), 3),
                    none ? "--" : tex(Num.fixed(s.metric(Metrics.CPU_TRACER).mean(), 2)),
                    none ? "--" : tex(Num.fixed(s.extraKernelCores(), 2)),
                    none ? "--" : s.blindToAll() ? "\\emph{blind}"
                            : (s.seenIsUpperBound() ? UPPER : "") + tex(Num.fixed(100 * s.seenObservable().mean(), 1))});
        }
        String per = workloads && workers ? "workload and worker count" : workloads ? "workload" : "worker count";
        StringBuilder sb = preamble(a, "Throughput under each tracer"
                + constants(a, false, false) + (workloads || workers ? ", in a block of rows per " + per : "")
                + ": mean operations per second over the $n$ valid trials" + (a.hasRatios(true) ? " ($n$ counts trials, not pairs)" : "") + "; "
                + "$\\times$ none, " + (a.hasRatios(true) ? PAIRED_RATIO + (a.hasRatios(false) ? " (elsewhere "
                + FIELLER_RATIO + ")" : "") : FIELLER_RATIO) + "; Tracer CPU, the tracer "
                + "processes' CPU in cores (1 = one core busy); Extra kernel, the machine's kernel CPU per operation "
                + "beyond the run without a tracer's, in cores at the tracer's throughput (kernel work the tracer "
                + "adds, its own processes' system time included); Seen, the share of the operations "
                + "the tracer reported, of the kinds it can observe (kinds it is blind to by design"
                + (anyNotTraced(a) ? ", or its options leave untraced," : "") + " left out)"
                + (a.configs().stream().anyMatch(ConfigStats::seenIsUpperBound) ? "; " + UPPER_NOTE
                        + ", but each event without a path is one operation at most here" : "") + "."
                + OpenLoopTable.overheadNote(a) + (a.configs().stream().anyMatch(ConfigStats::sweepLevel) ? " A rate sweep's"
                + " levels (workload@$R$/s) have no $\\times$ none: at a fixed rate the throughput is the rate while the"
                + " load keeps up, so the ratio would read as no cost." : ""));
        sb.append("% Narrower columns (\\tabcolsep 4pt): quick.yaml's and paper.yaml's fit a one-column article's text width;\n"
                + "% where one does not (long tracer names, intervals of tiny ratios, a two-column layout), wrap the \\input in\n"
                + "% \\resizebox{\\linewidth}{!}{...} (graphicx).\n"
                + "\\begingroup\\setlength{\\tabcolsep}{4pt}\n");
        tabular(sb, "l" + "r".repeat(head.get(0).length - 1), head, null, groups);
        sb.append("\\endgroup\n");
        return bytes(sb);
    }

    private static byte[] completeness(Analysis a, List<String> tracers) {
        List<Analysis.Config> blocks = new ArrayList<>(); // a block of rows per workload and worker count, no tracer
        for (ConfigStats s : a.configs()) {
            Analysis.Config k = new Analysis.Config("", s.config().workload(), s.config().workers());
            if (!blocks.contains(k)) blocks.add(k);
        }
        boolean workloads = blocks.stream().map(Analysis.Config::workload).distinct().count() > 1;
        boolean workers = blocks.stream().map(Analysis.Config::workers).distinct().count() > 1;
        Map<String, String> notes = new LinkedHashMap<>(); // "seen as ..." → its letter
        List<List<String[]>> groups = new ArrayList<>();
        for (Analysis.Config block : blocks) {
            groups.addAll(completeness(a, tracers, block, blocks.size() > 1 ? blockName(block, workloads, workers) : null, notes));
        }
        StringBuilder notesText = new StringBuilder();
        notes.forEach((as, letter) -> notesText.append(" \\textsuperscript{").append(letter).append("}Seen as ")
                .append(tex(as)).append(", the tracer having no event of its own for the operation."));
        boolean anyUpper = a.configs().stream().anyMatch(ConfigStats::seenIsUpperBound);
        boolean gaps = blocks.stream().anyMatch(b -> tracers.stream().anyMatch(t -> validTrials(a, t, b).isEmpty())
                && tracers.stream().anyMatch(t -> !validTrials(a, t, b).isEmpty()));
        String per = workloads && workers ? "workload and worker count" : workloads ? "workload" : "worker count";
        StringBuilder sb = preamble(a, "Share of the operations of each kind that each tracer reported"
                + constants(a, false, false) + (blocks.size() > 1 ? ", in a block of rows per " + per : "")
                + ", mean over the valid trials " + (blocks.size() > 1 ? "of its block" : "that performed it") + ": ops, its events matching the "
                + "operation's paths over operations performed (capped at 100\\%); paths, recall over distinct paths "
                + "(--, unknown: the tracer names no path for the kind); "
                + (gaps ? "-- in every row of a block, no valid trial of the tracer there; " : "")
                + "\\emph{blind}, a kind the tracer cannot observe by design; "
                + (anyNotTraced(a) ? "\\emph{not traced}, a kind none of whose calls the configuration's options trace; " : "")
                + "observable operations, the share of "
                + "the operations of the other kinds; " + (anyUpper ? UPPER_NOTE + "; " : "") + "lost events, what the tracer admitted "
                + "dropping (summed; ? where it does not say)." + notesText);
        sb.append(WIDE);
        tabular(sb, "l" + "rr".repeat(tracers.size()), java.util.Collections.singletonList(topHeader(tracers)), pairHeader(tracers.size(), "ops", "paths"),
                groups);
        return bytes(sb);
    }

    /** True when some configuration's options left an op kind untraced (strace's syscalls). */
    private static boolean anyNotTraced(Analysis a) {
        return a.configs().stream().anyMatch(ConfigStats::someNotTraced);
    }

    /**
     * One workload and worker count's groups of rows, none without a tracer's valid trial there: its op kinds, then
     * all operations and lost events; under {@code name} in one group when not null, else in two. Letters of "seen
     * as" notes go to {@code notes}.
     */
    private static List<List<String[]>> completeness(Analysis a, List<String> tracers, Analysis.Config block, String name,
                                                     Map<String, String> notes) {
        List<String> ops = new ArrayList<>();
        for (String tracer : tracers) {
            for (Trial t : validTrials(a, tracer, block)) for (String op : t.completeness().keySet()) if (!ops.contains(op)) ops.add(op);
        }
        if (ops.isEmpty()) return List.of();
        List<String[]> rows = new ArrayList<>();
        if (name != null) rows.add(new String[] {"\\multicolumn{" + (1 + 2 * tracers.size()) + "}{l}{\\emph{" + tex(name) + "}}"});
        for (String op : ops) {
            List<String> row = new ArrayList<>(List.of(tex(op)));
            for (String tracer : tracers) {
                List<Trial.Completeness> cs = new ArrayList<>();
                for (Trial t : validTrials(a, tracer, block)) if (t.completeness().containsKey(op)) cs.add(t.completeness().get(op));
                if (cs.isEmpty()) { // no valid trial of this tracer here
                    row.addAll(List.of("--", "--"));
                } else if (cs.stream().anyMatch(Trial.Completeness::notTraced)) {
                    row.add("\\multicolumn{2}{c}{\\emph{not traced}}");
                } else if (cs.stream().anyMatch(c -> !c.observable())) {
                    row.add("\\multicolumn{2}{c}{\\emph{blind}}");
                } else {
                    String as = cs.stream().map(Trial.Completeness::seenAs).filter(x -> x != null).findFirst().orElse(null);
                    String mark = as == null ? "" : "\\rlap{\\textsuperscript{" + notes.computeIfAbsent(as,
                            k -> String.valueOf((char) ('a' + notes.size()))) + "}}"; // rlap: digits stay aligned
                    String upper = cs.stream().anyMatch(Trial.Completeness::countAttributed) ? UPPER : "";
                    row.add(upper + percent(Estimate.of(cs.stream().mapToDouble(Trial.Completeness::ratio).toArray()).atMost(1)) + mark);
                    row.add(percent(Estimate.of(cs.stream().mapToDouble(Trial.Completeness::pathRecall).toArray()).atMost(1)));
                }
            }
            rows.add(row.toArray(String[]::new));
        }
        List<String> all = new ArrayList<>(List.of("observable operations")), lost = new ArrayList<>(List.of("lost events"));
        for (String tracer : tracers) {
            List<Trial> valid = validTrials(a, tracer, block);
            ConfigStats s = a.find(tracer, block.workload(), block.workers());
            all.add(s != null && s.blindToAll() ? "\\emph{blind}" // as report.md and overhead.tex say, not 0.0
                    : (s != null && s.seenIsUpperBound() ? UPPER : "") + percent(Estimate.of(valid.stream().mapToDouble(Trial::seenObservableRatio)
                    .filter(v -> !Double.isNaN(v)).toArray()).atMost(1)));
            all.add("");
            boolean known = valid.stream().allMatch(t -> t.lostEvents() != null);
            lost.add(valid.isEmpty() ? "--" : known ? Long.toString(valid.stream().mapToLong(Trial::lostEvents).sum()) : "?");
            lost.add("");
        }
        List<String[]> totals = List.of(all.toArray(String[]::new), lost.toArray(String[]::new));
        if (name == null) return List.of(rows, totals);
        rows.addAll(totals); // a rule before them too would split a block where rules part blocks
        return List.of(rows);
    }

    /** "metadata-heavy, 2 workers": what names a block of rows, only the dimensions that vary. */
    private static String blockName(Analysis.Config block, boolean workloads, boolean workers) {
        String n = block.workers() + (block.workers() == 1 ? " worker" : " workers");
        return workloads && workers ? block.workload() + ", " + n : workloads ? block.workload() : n;
    }

    private static byte[] slowdown(Analysis a, List<OpSlowdowns.Slowdown> all) {
        Map<String, Map<String, OpSlowdowns.Slowdown>> byTracer = OpSlowdowns.byTracer(all);
        List<String> tracers = new ArrayList<>(byTracer.keySet());
        SlowdownScope scope = SlowdownScope.of(a, all);
        List<String[]> rows = new ArrayList<>();
        for (String op : OpSlowdowns.ops(all)) {
            List<String> row = new ArrayList<>(List.of(tex(op)));
            Set<String> from = new LinkedHashSet<>(); // tracers may take a kind from different runs
            for (String tracer : tracers) {
                OpSlowdowns.Slowdown d = byTracer.get(tracer).get(op);
                if (d != null) from.add(scope.of(d));
                row.add(d == null ? "--" : tex(Num.sig(d.factor(), 3)));
                row.add(d == null ? "--" : interval(d.ci95Low(), d.ci95High(), 3));
            }
            if (scope.varies()) row.add(tex(String.join("; ", from))); // last: the tracers' cmidrules start at 2
            rows.add(row.toArray(String[]::new));
        }
        List<String> parts = new ArrayList<>(scope.constants().stream().filter(c -> !c.startsWith("workload "))
                .map(Latex::tex).toList()); // the workload: where the caption says what it was measured on
        String windows = windows(a.configs().stream().filter(s -> all.stream().anyMatch(d -> d.workload()
                .equals(s.config().workload()) && d.workers() == s.config().workers())).toList());
        if (windows != null) parts.add(windows);
        String measured = scope.workloads().size() > 1 ? ", measured on the workload the last column names"
                : ", measured on workload " + tex(scope.workloads().get(0));
        StringBuilder sb = preamble(a, "How many times longer each kind of operation took under each tracer than "
                + "without one" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")") + ": "
                + (OpSlowdowns.any(all, true) ? PAIRED_LATENCY_RATIO + (OpSlowdowns.any(all, false) ? " (elsewhere "
                + FIELLER_LATENCY_RATIO + ")" : "") : FIELLER_LATENCY_RATIO) + measured + " (a workload doing only that kind"
                + " where the suite has one" + (scope.varies() ? ", else the one doing it with the fewest other kinds"
                : "") + ")"
                + (scope.leftOutNote().isEmpty() ? "" : "; " + scope.leftOutNote()) + ".");
        sb.append(WIDE);
        String[] top = topHeader(tracers), sub = pairHeader(tracers.size(), "$\\times$", "95\\% CI");
        if (scope.varies()) {
            top = java.util.Arrays.copyOf(top, top.length + 1);
            top[top.length - 1] = "";
            sub = java.util.Arrays.copyOf(sub, sub.length + 1);
            sub[sub.length - 1] = scope.workloads().size() > 1 && scope.workers().size() > 1 ? "Measured on"
                    : scope.workloads().size() > 1 ? "Workload" : "Workers";
        }
        tabular(sb, "l" + "rr".repeat(tracers.size()) + (scope.varies() ? "l" : ""), java.util.Collections.singletonList(top),
                sub, List.of(rows));
        return bytes(sb);
    }

    /** Tracers other than none with at least one valid trial, in the results' order. */
    private static List<String> tracers(Analysis a) {
        List<String> out = new ArrayList<>();
        for (ConfigStats s : a.configs()) {
            String t = s.config().tracer();
            if (!"none".equals(t) && !s.valid().isEmpty() && !out.contains(t)) out.add(t);
        }
        out.sort(java.util.Comparator.comparingInt(a.results().tracers()::indexOf));
        return out;
    }

    /** The tracer's valid trials in {@code block}'s workload and worker count. */
    private static List<Trial> validTrials(Analysis a, String tracer, Analysis.Config block) {
        ConfigStats s = a.find(tracer, block.workload(), block.workers());
        return s == null ? List.of() : s.valid();
    }

    private static StringBuilder preamble(Analysis a, String caption) {
        return Latex.preamble("report of suite " + a.results().suite(), a.results().manifest(), caption);
    }

    private static void tabular(StringBuilder sb, String spec, List<String[]> head, String[] sub, List<List<String[]>> groups) {
        int[] spans = sub == null ? null : new int[(spec.length() - 1) / 2];
        if (spans != null) java.util.Arrays.fill(spans, 2);
        Latex.tabular(sb, spec, head, spans, sub, groups);
    }

    /** " (workload mixed, 1 worker, 5 s windows)": what every row shares, for the caption. */
    private static String constants(Analysis a, boolean workloadsVary, boolean workersVary) {
        List<String> parts = new ArrayList<>();
        List<String> ws = a.configs().stream().map(s -> s.config().workload()).distinct().toList();
        List<Integer> ns = a.configs().stream().map(s -> s.config().workers()).distinct().toList();
        if (!workloadsVary && ws.size() == 1) parts.add("workload " + tex(ws.get(0)));
        if (!workersVary && ns.size() == 1) parts.add(ns.get(0) + (ns.get(0) == 1 ? " worker" : " workers"));
        String windows = windows(a.configs());
        if (windows != null) parts.add(windows);
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** "5 s windows": the mean measured window of {@code configs}' valid trials; null without one. */
    private static String windows(List<ConfigStats> configs) {
        double[] secs = configs.stream().flatMap(s -> s.valid().stream()).mapToDouble(Trial::measuredSeconds)
                .filter(Double::isFinite).toArray();
        return secs.length == 0 ? null : Num.sig(java.util.Arrays.stream(secs).average().orElse(0), 2) + " s windows";
    }

    private static String[] topHeader(List<String> tracers) {
        List<String> h = new ArrayList<>(List.of(""));
        for (String t : tracers) h.add(Latex.group(2, t));
        return h.toArray(String[]::new);
    }

    private static String[] pairHeader(int tracers, String first, String second) {
        List<String> h = new ArrayList<>(List.of("Operation"));
        for (int i = 0; i < tracers; i++) h.addAll(List.of(first, second));
        return h.toArray(String[]::new);
    }

    /** "[lo, hi]" of a positive quantity, the lower bound clipped at 0; "--" without an interval. */
    private static String interval(double lo, double hi, int sig) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) return "--";
        return "[" + tex(Num.sig(Math.max(0, lo), sig)) + ", " + tex(Num.sig(hi, sig)) + "]";
    }

    /** A header comment for the tables with two columns per tracer, which outgrow a column with several tracers. */
    private static final String WIDE = "% Two columns per tracer: with several tracers or long labels (bpftrace[mode=counts]) wider than a\n"
            + "% one-column text; then wrap the \\input in \\resizebox{\\linewidth}{!}{...} (graphicx).\n";

    /** Marks a share that is an upper bound ({@link Trial.Completeness#countAttributed}). */
    private static final String UPPER = "$\\leq$";
    private static final String UPPER_NOTE = UPPER + ", an upper bound, not a match: the tracer reported the kind "
            + "(or some of its calls) without a path, so the kind counted such events as its own, up to its calls not "
            + "reported with a path (another kind may count the same ones), and other calls of the same kind count too";

    private static String percent(Estimate e) {
        return Double.isNaN(e.mean()) ? "--" : tex(Num.fixed(100 * e.mean(), 1));
    }

    private static byte[] bytes(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
