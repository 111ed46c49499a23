package org.tracebench.harness.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;

/**
 * Two runs side by side (two kernels, machines, tracer versions): per configuration present in both, mean
 * throughput in A and B with each side's valid repetitions, the ratio B/A with its Fieller 95% interval, and each
 * run's throughput relative to none; then the configurations left out because only one run has valid trials of them
 * ({@link #notCompared}), and what else differs between the runs ({@link RunDifferences}).
 */
public record Comparison(Analysis a, Analysis b, List<Row> rows) {

    /**
     * One configuration in both runs. {@code bVsA} is mean throughput B / A; vsNone may be null. {@code openLoop}: run
     * at a fixed rate (or a level of a rate sweep) in A or B, where throughput is the offered rate ({@link CompareNotes}).
     */
    public record Row(Analysis.Config config, Estimate throughputA, Estimate throughputB, RatioEstimate bVsA,
                      RatioEstimate vsNoneA, RatioEstimate vsNoneB, boolean openLoop) {}

    /**
     * Compares the configurations present (with valid trials) in both runs, in A's order but with the levels of a
     * rate sweep ({@code mixed@250/s}) by rate rather than as text.
     */
    public static Comparison of(Analysis a, Analysis b) {
        List<Row> rows = new ArrayList<>();
        for (ConfigStats sa : a.configs()) {
            Analysis.Config k = sa.config();
            ConfigStats sb = b.find(k.tracer(), k.workload(), k.workers());
            if (sb == null) continue;
            Estimate ta = sa.metric(Metrics.THROUGHPUT), tb = sb.metric(Metrics.THROUGHPUT);
            if (ta.n() == 0 || tb.n() == 0) continue;
            rows.add(new Row(k, ta, tb, RatioEstimate.fieller(tb, ta), sa.throughputVsNone(), sb.throughputVsNone(),
                    CompareNotes.openLoop(sa) || CompareNotes.openLoop(sb)));
        }
        rows.sort(java.util.Comparator.comparing((Row r) -> r.config().workload(), CompareNotes.WORKLOAD_ORDER));
        return new Comparison(a, b, List.copyOf(rows));
    }

    /** A fixed-width text table for the terminal. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(a.results().dir()).append(" (").append(CompareNotes.about(a)).append(")\n");
        sb.append("B: ").append(b.results().dir()).append(" (").append(CompareNotes.about(b)).append(")\n");
        int nw = TerminalSummary.width(3, rows.stream().flatMap(r -> java.util.stream.Stream.of(n(a, r.config()), n(b, r.config()))));
        String fmt = "%-" + TerminalSummary.width(10, rows.stream().map(r -> r.config().tracer())) + "s %-"
                + TerminalSummary.width(14, rows.stream().map(Comparison::workload)) + "s %3s %" + nw + "s %" + nw
                + "s %12s %12s %8s %-19s %9s %9s%n";
        sb.append(String.format(java.util.Locale.ROOT, fmt, "tracer", "workload", "w", "nA", "nB", "A ops/s", "B ops/s", "B/A",
                "95% CI", "A×none", "B×none"));
        for (Row r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, fmt, r.config().tracer(), workload(r),
                    r.config().workers(), n(a, r.config()), n(b, r.config()),
                    Num.sig(r.throughputA().mean(), 4), Num.sig(r.throughputB().mean(), 4),
                    Num.sig(r.bVsA().ratio(), 3), ci(r.bVsA()), r.vsNoneA() == null ? "–" : Num.sig(r.vsNoneA().ratio(), 3),
                    r.vsNoneB() == null ? "–" : Num.sig(r.vsNoneB().ratio(), 3)));
        }
        if (vsNoneMethods() != null) sb.append(vsNoneMethods()).append('\n');
        if (CompareNotes.unbounded(rows)) sb.append(CompareNotes.UNBOUNDED).append('\n');
        List<String> open = CompareNotes.openLoopLines(this);
        if (!open.isEmpty()) sb.append(CompareNotes.OPEN_LOOP).append('\n');
        open.forEach(l -> sb.append("  ").append(l).append('\n'));
        notCompared().forEach(l -> sb.append(l).append('\n'));
        RunDifferences d = differences();
        if (!d.items().isEmpty()) {
            sb.append("The runs differ in more than what they measured:\n");
            int w = TerminalSummary.width(0, d.items().stream().map(RunDifferences.Difference::what));
            for (RunDifferences.Difference x : d.items()) {
                sb.append(String.format(java.util.Locale.ROOT, "  %-" + w + "s  A: %s  B: %s%n", x.what(), x.a(), x.b()));
            }
        }
        return sb.toString();
    }

    /** The workload, marked † when open loop. */
    private static String workload(Row r) {
        return r.config().workload() + (r.openLoop() ? " †" : "");
    }

    /**
     * Null when both runs estimated × none the same way, else a sentence naming each side's method, e.g. "A × none is
     * the geometric mean of the within-pair ratios (paired ABBA blocks); B × none is Fieller's ratio of mean throughputs."
     */
    public String vsNoneMethods() {
        List<String> ma = methods(rows.stream().map(Row::vsNoneA).toList());
        List<String> mb = methods(rows.stream().map(Row::vsNoneB).toList());
        if (ma.equals(mb) || ma.isEmpty() || mb.isEmpty()) return null;
        return "A × none is " + String.join("; elsewhere ", ma) + "; B × none is " + String.join("; elsewhere ", mb)
                + ": the two columns are estimated differently.";
    }

    private static List<String> methods(List<RatioEstimate> ratios) {
        List<String> out = new ArrayList<>();
        for (RatioEstimate r : ratios) {
            if (r == null) continue;
            String m = org.tracebench.harness.pairing.PairRatios.METHOD.equals(r.method())
                    ? "the geometric mean of the within-pair ratios (paired ABBA blocks)"
                    : RatioEstimate.METHOD.equals(r.method()) ? "Fieller's ratio of mean throughputs" : r.method();
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    /** What differs between the two runs besides the tracers' cost (environment, settings, task files, host). */
    public RunDifferences differences() {
        return RunDifferences.of(a, b, rows);
    }

    /** A warning for the terminal when the host took noticeably more from one run than from the other, else null. */
    public String hostWarning() {
        return hostWarning("listed above"); // the terminal prints it after the table and the differences
    }

    /** {@link #hostWarning()} pointing at the host's rows {@code where} they are. */
    private String hostWarning(String where) {
        if (!differences().hostDiffers()) return null;
        return "The host took more CPU from one run than from the other (steal or other processes, " + where + "), so "
                + "B/A measures the host's load as well as what changed between the runs; rerun both when the host is "
                + "quieter, or on dedicated CPUs, and keep an interleaved order (paired or randomized).";
    }

    /**
     * What the terminal says before the table and compare.md under Warnings, each a sentence: that the runs are one
     * run (a copy), that one is being written by a run in progress, and each run's warnings that change what the
     * table holds (unreadable files, unfinished and not-run trials).
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        String same = CompareNotes.sameRun(a, b);
        if (same != null) out.add(same);
        out.addAll(CompareNotes.runWarnings("DIR_A", a));
        out.addAll(CompareNotes.runWarnings("DIR_B", b));
        return out;
    }

    /**
     * Why there is nothing to compare, naming what each run has, or null when some configuration is in both runs
     * ({@link #rows} not empty).
     */
    public String nothingInCommon() {
        if (!rows.isEmpty()) return null;
        boolean bothValid = !a.results().okTrials().isEmpty() && !b.results().okTrials().isEmpty();
        return "DIR_A and DIR_B have no configuration (tracer, workload, workers) with valid trials in common, so there "
                + "is nothing to compare: DIR_A has " + groups(a) + "; DIR_B has " + groups(b) + "." + (bothValid
                ? " Compare two runs of one suite, or of suites that share a workload and worker count."
                : " Fix what made the trials invalid (tracebench report names each reason) and rerun them (tracebench "
                + "run --resume), or compare another run.");
    }

    /**
     * One sentence per kind of configuration the table leaves out, none when every configuration is in it: those
     * only in A, only in B, those one run planned (manifest.json's plan) but has not run, and those in both without
     * a valid trial in one; each named "tracer workload wN" with
     * its trials, e.g. "Only in A, not compared: ftrace mixed w1 (3 valid)".
     */
    public List<String> notCompared() {
        List<String> onlyA = new ArrayList<>(), onlyB = new ArrayList<>(), noValid = new ArrayList<>();
        java.util.Set<Analysis.Config> inTable = new java.util.HashSet<>();
        rows.forEach(r -> inTable.add(r.config()));
        List<String> notRunA = new ArrayList<>(), notRunB = new ArrayList<>();
        for (ConfigStats sa : a.configs()) {
            Analysis.Config k = sa.config();
            if (inTable.contains(k)) continue;
            ConfigStats sb = b.find(k.tracer(), k.workload(), k.workers());
            if (sb == null) (b.results().plan().perConfig().containsKey(k) ? notRunB : onlyA).add(name(k) + " (" + trials(sa) + ")");
            else noValid.add(name(k) + " (A: " + trials(sa) + "; B: " + trials(sb) + ")");
        }
        for (ConfigStats sb : b.configs()) {
            Analysis.Config k = sb.config();
            if (a.find(k.tracer(), k.workload(), k.workers()) != null) continue;
            (a.results().plan().perConfig().containsKey(k) ? notRunA : onlyB).add(name(k) + " (" + trials(sb) + ")");
        }
        List<String> out = new ArrayList<>();
        if (!onlyA.isEmpty()) out.add("Only in A, not compared: " + String.join(", ", onlyA));
        if (!onlyB.isEmpty()) out.add("Only in B, not compared: " + String.join(", ", onlyB));
        if (!notRunB.isEmpty()) out.add("Planned in B but not run there (interrupted, or still running), not compared: "
                + String.join(", ", notRunB));
        if (!notRunA.isEmpty()) out.add("Planned in A but not run there (interrupted, or still running), not compared: "
                + String.join(", ", notRunA));
        if (!noValid.isEmpty()) out.add("In both but without a valid trial in one, not compared: " + String.join(", ", noValid));
        return out;
    }

    private static String name(Analysis.Config k) {
        return k.tracer() + " " + k.workload() + " w" + k.workers();
    }

    /** "3 valid", "2 valid + 1 invalid", "0 valid + 2 unfinished". */
    private static String trials(ConfigStats s) {
        return s.valid().size() + " valid" + (s.invalid() > 0 ? " + " + s.invalid() + " invalid" : "")
                + (s.unfinished() > 0 ? " + " + s.unfinished() + " unfinished" : "");
    }

    /** "2 (+1 invalid)": a side's valid repetitions, and its invalid ones when there are. */
    private static String n(Analysis x, Analysis.Config k) {
        ConfigStats s = x.find(k.tracer(), k.workload(), k.workers());
        return s.valid().size() + (s.invalid() > 0 ? " (+" + s.invalid() + " invalid)" : "");
    }

    /** "mixed w1 (6 tracers)" for each workload and worker count with valid trials, at most four named. */
    private static String groups(Analysis x) {
        java.util.Map<String, java.util.Set<String>> byGroup = new java.util.LinkedHashMap<>();
        for (ConfigStats s : x.configs()) {
            if (s.valid().isEmpty()) continue;
            byGroup.computeIfAbsent(s.config().workload() + " w" + s.config().workers(), k -> new java.util.LinkedHashSet<>())
                    .add(s.config().tracer());
        }
        if (byGroup.isEmpty()) {
            List<Trial> all = x.results().trials();
            java.util.Optional<Trial> invalid = all.stream().filter(t -> t.status() == Trial.Status.INVALID).findFirst();
            if (invalid.isEmpty()) return all.isEmpty() ? "no trial" : "no valid trial (" + all.size() + " unfinished or unreadable)";
            long n = all.stream().filter(t -> t.status() == Trial.Status.INVALID).count();
            return "no valid trial: " + (n == all.size() ? (n == 1 ? "its one trial is" : "all " + n + " trials are")
                    : n + " of its " + all.size() + " trials are") + " invalid (the first, " + invalid.get().name() + ": "
                    + invalid.get().invalidReason() + ")";
        }
        List<String> named = new ArrayList<>();
        byGroup.forEach((g, t) -> named.add(g + " (" + t.size() + (t.size() == 1 ? " tracer)" : " tracers)")));
        return Num.firstOf(named, 4);
    }

    /** compare.md: the same table in Markdown, with optional chart links. */
    public byte[] markdown(List<MarkdownReport.ChartRef> charts) {
        StringBuilder sb = new StringBuilder("# tracebench compare\n\n");
        sb.append("- A: `").append(a.results().dir().toAbsolutePath().normalize()).append("` (").append(CompareNotes.about(a)).append(")\n");
        sb.append("- B: `").append(b.results().dir().toAbsolutePath().normalize()).append("` (").append(CompareNotes.about(b)).append(")\n\n");
        List<String> warned = new ArrayList<>(warnings());
        String host = hostWarning("listed under What differs between the runs, below"); // Warnings come first here
        if (host != null) warned.add(host);
        if (!warned.isEmpty()) {
            sb.append("## Warnings\n\n");
            warned.forEach(w -> sb.append("- ").append(w).append('\n'));
            sb.append('\n');
        }
        sb.append("B/A = mean throughput of B ÷ A, with Fieller's 95% interval.\n\n");
        sb.append("| tracer | workload | workers | n A | n B | A ops/s | B ops/s | B/A | 95% CI | A × none | B × none |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.config().tracer()).append(" | ").append(workload(r)).append(" | ")
                    .append(r.config().workers()).append(" | ").append(n(a, r.config())).append(" | ")
                    .append(n(b, r.config())).append(" | ").append(Num.sig(r.throughputA().mean(), 4))
                    .append(" | ").append(Num.sig(r.throughputB().mean(), 4)).append(" | ")
                    .append(Num.sig(r.bVsA().ratio(), 3)).append(" | ").append(ci(r.bVsA())).append(" | ")
                    .append(r.vsNoneA() == null ? "–" : Num.sig(r.vsNoneA().ratio(), 3)).append(" | ")
                    .append(r.vsNoneB() == null ? "–" : Num.sig(r.vsNoneB().ratio(), 3)).append(" |\n");
        }
        sb.append('\n');
        if (vsNoneMethods() != null) sb.append(vsNoneMethods()).append("\n\n");
        if (CompareNotes.unbounded(rows)) sb.append(CompareNotes.UNBOUNDED).append("\n\n");
        List<String> open = CompareNotes.openLoopLines(this);
        if (!open.isEmpty()) {
            sb.append(CompareNotes.OPEN_LOOP).append("\n\n");
            open.forEach(l -> sb.append("- ").append(l).append('\n'));
            sb.append('\n');
        }
        List<String> left = notCompared();
        if (!left.isEmpty()) {
            sb.append("## Not compared\n\n");
            left.forEach(l -> sb.append("- ").append(l).append('\n'));
            sb.append('\n');
        }
        RunDifferences d = differences();
        sb.append("## What differs between the runs\n\n");
        if (d.items().isEmpty()) {
            sb.append("Nothing recorded: the same environment, tracer versions, tracebench commit, suite settings, tracer "
                    + "options, rates and task files, and the host took about as much CPU from both.\n\n");
        } else {
            sb.append("B/A measures these together with the change one meant to measure.\n\n| | A | B |\n|---|---|---|\n");
            for (RunDifferences.Difference x : d.items()) {
                sb.append("| ").append(x.what()).append(" | ").append(x.a().replace("|", "\\|")).append(" | ")
                        .append(x.b().replace("|", "\\|")).append(" |\n");
            }
            sb.append('\n');
        }
        for (MarkdownReport.ChartRef c : charts) {
            sb.append(MarkdownReport.chartOpening(c.relativePath())).append(c.caption()).append("](").append(c.relativePath())
                    .append(")\n\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String ci(RatioEstimate r) {
        if (Double.isNaN(r.ci95Low())) return "–";
        return Num.sig(r.ci95Low(), 3) + " – " + Num.sig(r.ci95High(), 3);
    }
}
