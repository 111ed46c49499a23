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

    /** One configuration in both runs. {@code bVsA} is mean throughput B / A; vsNone may be null. */
    public record Row(Analysis.Config config, Estimate throughputA, Estimate throughputB, RatioEstimate bVsA,
                      RatioEstimate vsNoneA, RatioEstimate vsNoneB) {}

    /** Compares the configurations present (with valid trials) in both runs, in A's order. */
    public static Comparison of(Analysis a, Analysis b) {
        List<Row> rows = new ArrayList<>();
        for (ConfigStats sa : a.configs()) {
            Analysis.Config k = sa.config();
            ConfigStats sb = b.find(k.tracer(), k.workload(), k.workers());
            if (sb == null) continue;
            Estimate ta = sa.metric(Metrics.THROUGHPUT), tb = sb.metric(Metrics.THROUGHPUT);
            if (ta.n() == 0 || tb.n() == 0) continue;
            rows.add(new Row(k, ta, tb, RatioEstimate.fieller(tb, ta), sa.throughputVsNone(), sb.throughputVsNone()));
        }
        return new Comparison(a, b, List.copyOf(rows));
    }

    /** A fixed-width text table for the terminal. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(a.results().dir()).append(" (").append(a.results().suite()).append(")\n");
        sb.append("B: ").append(b.results().dir()).append(" (").append(b.results().suite()).append(")\n");
        String fmt = "%-" + TerminalSummary.width(10, rows.stream().map(r -> r.config().tracer())) + "s %-"
                + TerminalSummary.width(14, rows.stream().map(r -> r.config().workload())) + "s %3s %3s %3s %12s %12s %8s %-19s %9s %9s%n";
        sb.append(String.format(java.util.Locale.ROOT, fmt, "tracer", "workload", "w", "nA", "nB", "A ops/s", "B ops/s", "B/A",
                "95% CI", "A×none", "B×none"));
        for (Row r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, fmt, r.config().tracer(), r.config().workload(),
                    r.config().workers(), r.throughputA().n(), r.throughputB().n(),
                    Num.sig(r.throughputA().mean(), 4), Num.sig(r.throughputB().mean(), 4),
                    Num.sig(r.bVsA().ratio(), 3), ci(r.bVsA()), r.vsNoneA() == null ? "–" : Num.sig(r.vsNoneA().ratio(), 3),
                    r.vsNoneB() == null ? "–" : Num.sig(r.vsNoneB().ratio(), 3)));
        }
        if (vsNoneMethods() != null) sb.append(vsNoneMethods()).append('\n');
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
        if (!differences().hostDiffers()) return null;
        return "The host took more CPU from one run than from the other (steal or other processes, listed above), so "
                + "B/A measures the host's load as well as what changed between the runs; rerun both when the host is "
                + "quieter, or on dedicated CPUs, and keep an interleaved order (paired or randomized).";
    }

    /**
     * Why there is nothing to compare, naming what each run has, or null when some configuration is in both runs
     * ({@link #rows} not empty).
     */
    public String nothingInCommon() {
        if (!rows.isEmpty()) return null;
        return "DIR_A and DIR_B have no configuration (tracer, workload, workers) with valid trials in common, so there "
                + "is nothing to compare: DIR_A has " + groups(a) + "; DIR_B has " + groups(b) + ". Compare two runs of "
                + "one suite, or of suites that share a workload and worker count.";
    }

    /**
     * One sentence per kind of configuration the table leaves out, none when every configuration is in it: those
     * only in A, only in B, and those in both without a valid trial in one; each named "tracer workload wN" with
     * its trials, e.g. "Only in A, not compared: ftrace mixed w1 (3 valid)".
     */
    public List<String> notCompared() {
        List<String> onlyA = new ArrayList<>(), onlyB = new ArrayList<>(), noValid = new ArrayList<>();
        java.util.Set<Analysis.Config> inTable = new java.util.HashSet<>();
        rows.forEach(r -> inTable.add(r.config()));
        for (ConfigStats sa : a.configs()) {
            Analysis.Config k = sa.config();
            if (inTable.contains(k)) continue;
            ConfigStats sb = b.find(k.tracer(), k.workload(), k.workers());
            if (sb == null) onlyA.add(name(k) + " (" + trials(sa) + ")");
            else noValid.add(name(k) + " (A: " + trials(sa) + "; B: " + trials(sb) + ")");
        }
        for (ConfigStats sb : b.configs()) {
            Analysis.Config k = sb.config();
            if (a.find(k.tracer(), k.workload(), k.workers()) == null) onlyB.add(name(k) + " (" + trials(sb) + ")");
        }
        List<String> out = new ArrayList<>();
        if (!onlyA.isEmpty()) out.add("Only in A, not compared: " + String.join(", ", onlyA));
        if (!onlyB.isEmpty()) out.add("Only in B, not compared: " + String.join(", ", onlyB));
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
        if (byGroup.isEmpty()) return "no valid trial";
        List<String> named = new ArrayList<>();
        byGroup.forEach((g, t) -> named.add(g + " (" + t.size() + (t.size() == 1 ? " tracer)" : " tracers)")));
        return Num.firstOf(named, 4);
    }

    /** compare.md: the same table in Markdown, with optional chart links. */
    public byte[] markdown(List<MarkdownReport.ChartRef> charts) {
        StringBuilder sb = new StringBuilder("# tracebench compare\n\n");
        sb.append("- A: `").append(a.results().dir().getFileName()).append("` (").append(a.results().suite()).append(")\n");
        sb.append("- B: `").append(b.results().dir().getFileName()).append("` (").append(b.results().suite()).append(")\n\n");
        sb.append("B/A = mean throughput of B ÷ A, with Fieller's 95% interval.\n\n");
        sb.append("| tracer | workload | workers | n A | n B | A ops/s | B ops/s | B/A | 95% CI | A × none | B × none |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.config().tracer()).append(" | ").append(r.config().workload()).append(" | ")
                    .append(r.config().workers()).append(" | ").append(n(a, r.config())).append(" | ")
                    .append(n(b, r.config())).append(" | ").append(Num.sig(r.throughputA().mean(), 4))
                    .append(" | ").append(Num.sig(r.throughputB().mean(), 4)).append(" | ")
                    .append(Num.sig(r.bVsA().ratio(), 3)).append(" | ").append(ci(r.bVsA())).append(" | ")
                    .append(r.vsNoneA() == null ? "–" : Num.sig(r.vsNoneA().ratio(), 3)).append(" | ")
                    .append(r.vsNoneB() == null ? "–" : Num.sig(r.vsNoneB().ratio(), 3)).append(" |\n");
        }
        sb.append('\n');
        if (vsNoneMethods() != null) sb.append(vsNoneMethods()).append("\n\n");
        List<String> left = notCompared();
        if (!left.isEmpty()) {
            sb.append("## Not compared\n\n");
            left.forEach(l -> sb.append("- ").append(l).append('\n'));
            sb.append('\n');
        }
        RunDifferences d = differences();
        sb.append("## What differs between the runs\n\n");
        if (d.items().isEmpty()) {
            sb.append("Nothing recorded: the same environment, tracer versions, tracebench commit, suite settings and task "
                    + "files, and the host took about as much CPU from both.\n\n");
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
