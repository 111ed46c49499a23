package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.results.HarnessLock;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/**
 * What {@link Comparison} says besides its table: which rows ran open loop (a fixed rate, or a level of a rate sweep)
 * and their iteration latency, how sweep levels sort, what an unbounded interval means, and the warnings about the
 * runs themselves (a copy of one run, a run in progress, files and trials missing from one).
 */
final class CompareNotes {
    private CompareNotes() {}

    /** The label of a sweep level, {@code mixed@2000/s}: the workload and the offered rate. */
    private static final Pattern LEVEL = Pattern.compile("(.*)@([0-9.eE+-]+)/s");

    static final String OPEN_LOOP = "† Open loop (a fixed rate, or a level of a rate sweep): throughput stays at the"
            + " offered rate while the machine keeps up, so B/A and × none near 1 say nothing about a tracer's cost there;"
            + " the latency of whole iterations at that rate does (p99 from each iteration's intended start, mean over"
            + " the valid trials; ≥ a lower bound, as iterations were left unfinished):";

    static final String UNBOUNDED = "An interval reaching ∞ is unbounded: A's throughput varies so much that its 95%"
            + " interval includes 0, so B/A has no upper bound (the chart draws its bar open past the axis); run more"
            + " repetitions, or on a quieter host.";

    /** True when {@code s}'s trials ran open loop: a fixed rate, a sweep level, or iteration latencies recorded. */
    static boolean openLoop(ConfigStats s) {
        return LEVEL.matcher(s.config().workload()).matches() || s.valid().stream()
                .anyMatch(t -> Double.isFinite(t.ratePerWorker()) || t.iterationLatency().unfinished() >= 0);
    }

    /**
     * Workload names by base workload, then a sweep level's rate as a number ({@code mixed@250/s} before
     * {@code mixed@1000/s}), then as text; the order of every table and of compare's rows.
     */
    static final java.util.Comparator<String> WORKLOAD_ORDER = java.util.Comparator.comparing(CompareNotes::base)
            .thenComparingDouble(CompareNotes::level).thenComparing(java.util.Comparator.naturalOrder());

    /** The workload without a sweep level's rate. */
    static String base(String workload) {
        Matcher m = LEVEL.matcher(workload);
        return m.matches() ? m.group(1) : workload;
    }

    /** A sweep level's rate, -1 for a workload without one (first), so levels sort by number. */
    static double level(String workload) {
        Matcher m = LEVEL.matcher(workload);
        if (!m.matches()) return -1;
        try {
            return Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "base, started 2026-12-07T19:39:34Z": the suite and when the run began, which tell two runs apart. */
    static String about(Analysis x) {
        Object started = x.results().manifest().get("startedAt");
        return x.results().suite() + (started == null ? "" : ", started " + started);
    }

    /** True when some row's interval reaches ∞. */
    static boolean unbounded(List<Comparison.Row> rows) {
        return rows.stream().anyMatch(r -> r.bVsA().ci95High() == Double.POSITIVE_INFINITY);
    }

    /** "ftrace mixed w1: iteration p99 A 45.1 µs, B ≥ 2.30 ms" per open-loop row. */
    static List<String> openLoopLines(Comparison c) {
        List<String> out = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            if (!r.openLoop()) continue;
            Analysis.Config k = r.config();
            ConfigStats sa = c.a().find(k.tracer(), k.workload(), k.workers()), sb = c.b().find(k.tracer(), k.workload(), k.workers());
            out.add(k.tracer() + " " + k.workload() + " w" + k.workers() + ": iteration p99 A " + p99(sa) + ", B " + p99(sb));
        }
        return out;
    }

    private static String p99(ConfigStats s) {
        double v = s.metric(Metrics.ITERATION_LATENCY + "_p99").mean();
        if (Double.isNaN(v)) return openLoop(s) ? "– (not recorded)" : "– (closed loop)";
        return (OpenLoopBacklog.lowerBound(s, "p99") ? "≥ " : "") + MarkdownReport.nanos(v);
    }

    /**
     * A sentence when A and B record the same run (manifest.json's startedAt and seed equal: one is a copy of the
     * other), else null.
     */
    static String sameRun(Analysis a, Analysis b) {
        Object sa = a.results().manifest().get("startedAt"), sb = b.results().manifest().get("startedAt");
        Object ea = a.results().manifest().get("seed"), eb = b.results().manifest().get("seed");
        if (sa == null || ea == null || !sa.equals(sb) || !String.valueOf(ea).equals(String.valueOf(eb))) return null;
        return "DIR_A and DIR_B record the same run (manifest.json's startedAt " + sa + " and seed " + ea + "): one is a"
                + " copy of the other, so the trials both hold are the same measurements and B/A near 1 says nothing;"
                + " compare two runs.";
    }

    /**
     * The warnings of run {@code x} (named {@code side}) that change what the table holds, as the terminal prints
     * them, with its directory in their fix; and that a run in progress holds its lock.
     */
    static List<String> runWarnings(String side, Analysis x) {
        List<String> out = new ArrayList<>();
        long pid = HarnessLock.heldBy(x.results().dir().resolve(ResultsDir.LOCK_FILE));
        if (pid != 0) {
            out.add(side + " " + x.results().dir() + " is being written by a run in progress (" + (pid > 0 ? "process "
                    + pid : "another process") + " holds its " + ResultsDir.LOCK_FILE + "), so its trials are not all"
                    + " there yet; compare again when it has finished.");
        }
        List<RunWarning> passed = x.warnings().stream().filter(w -> w.kind() == WarningKind.UNREADABLE_FILES
                || w.kind() == WarningKind.UNFINISHED_TRIALS || w.kind() == WarningKind.NOT_RUN_TRIALS)
                .map(w -> w.dir() != null ? w : new RunWarning(w.kind(), w.tracer(), w.workload(), w.workers(), w.detail(),
                        w.resumable(), x.results().dir(), w.tracerOptions())).toList();
        out.addAll(RunWarning.terminalLines(passed));
        return out;
    }
}
