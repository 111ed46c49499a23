package org.tracebench.harness.report;

import static org.tracebench.harness.report.Latex.tex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.report.Analysis.ConfigStats;

/**
 * The open loop in LaTeX: {@code openloop.tex} (per rated configuration: the iterations' p50 and p99 from their
 * intended start, marked $\geq$ where the configuration fell behind the rate, so they are lower bounds), and the dagger
 * overhead.tex puts on rated rows, whose throughput is fixed by the rate. The same numbers as report.md's open-loop
 * table; booktabs only.
 */
final class OpenLoopTable {
    private OpenLoopTable() {}

    static final String FILE = "openloop.tex";
    private static final String DAGGER = "$^\\dagger$";
    private static final String LOWER = "$\\geq$ ";

    /** Whether {@code s} ran at a fixed rate (a task's own, not a sweep level). */
    static boolean rated(ConfigStats s) {
        return Double.isFinite(s.ratePerWorker());
    }

    /** overhead.tex's mark on a rated configuration's tracer cell; empty otherwise. */
    static String dagger(ConfigStats s) {
        return rated(s) ? DAGGER : "";
    }

    /** overhead.tex's caption sentence for its daggers; empty without a rated configuration. */
    static String overheadNote(Analysis a) {
        return a.configs().stream().noneMatch(OpenLoopTable::rated) ? "" : " " + DAGGER + "At a fixed rate (open loop):"
                + " throughput stays at the offered rate until the machine saturates, so there it says nothing about"
                + " what the tracer costs; see the open-loop latency table (" + FILE + ").";
    }

    /** "≥ " where iteration percentile {@code q} of {@code s} is a lower bound ({@link OpenLoopBacklog#lowerBound}). */
    private static String mark(ConfigStats s, String q) {
        return OpenLoopBacklog.lowerBound(s, q) ? LOWER : "";
    }

    /** openloop.tex, or null without a rated configuration. */
    static LatexTables.Table render(Analysis a) {
        List<ConfigStats> rated = a.configs().stream().filter(OpenLoopTable::rated).filter(s -> !s.valid().isEmpty()).toList();
        if (rated.isEmpty()) return null;
        boolean workloads = rated.stream().map(s -> s.config().workload()).distinct().count() > 1;
        boolean workers = rated.stream().map(s -> s.config().workers()).distinct().count() > 1;
        boolean behind = rated.stream().anyMatch(s -> OpenLoopBacklog.unfinished(s) > 0);
        List<String> head = new ArrayList<>(List.of("Tracer"));
        if (workloads) head.add("Workload");
        if (workers) head.add("Workers");
        head.addAll(List.of("Rate", "$n$", "p50", "p99"));
        if (behind) head.add("Unfinished");
        List<List<String[]>> groups = new ArrayList<>();
        String group = null;
        for (ConfigStats s : rated) {
            String key = s.config().workload() + " " + s.config().workers();
            if (!key.equals(group)) groups.add(new ArrayList<>());
            group = key;
            long unfinished = OpenLoopBacklog.unfinished(s);

            List<String> row = new ArrayList<>(List.of(tex(s.config().tracer())));
            if (workloads) row.add(tex(s.config().workload()));
            if (workers) row.add(Integer.toString(s.config().workers()));
            row.addAll(List.of(tex(Num.sig(s.ratePerWorker(), 4)), Integer.toString(s.valid().size()),
                    latency(mark(s, "p50"), s.metric(Metrics.ITERATION_LATENCY + "_p50").mean()),
                    latency(mark(s, "p99"), s.metric(Metrics.ITERATION_LATENCY + "_p99").mean())));
            if (behind) row.add(unfinished > 0 ? Long.toString(unfinished) : "0");
            groups.get(groups.size() - 1).add(row.toArray(String[]::new));
        }
        String caption = "Latency at a fixed rate (open loop): whole iterations (every operation of the task once),"
                + " timed from the moment the rate meant each to start (coordinated-omission corrected), mean over $n$"
                + " valid trials; Rate, iterations per second per worker. The operations' own latencies are then"
                + " service times, which stay small while the load generator falls behind."
                + (behind ? " " + LOWER + "a lower bound: each iteration still unfinished when the window ended"
                + " (Unfinished, the most in one trial; more than one per worker, it fell behind the rate, and where"
                + " none did the rate is beyond the machine and the tracers are not comparable at it)"
                + " counts with the time it had waited by then." : "");
        StringBuilder sb = Latex.preamble("report of suite " + a.results().suite(), a.results().manifest(), caption);
        int left = 1 + (workloads ? 1 : 0);
        Latex.tabular(sb, "l".repeat(left) + "r".repeat(head.size() - left),
                java.util.Collections.singletonList(head.toArray(String[]::new)), null, null, groups);
        return new LatexTables.Table(FILE, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String latency(String mark, double ns) {
        return Double.isNaN(ns) ? "--" : mark + tex(MarkdownReport.nanos(ns));
    }
}
