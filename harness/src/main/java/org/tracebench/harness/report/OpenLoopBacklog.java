package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/**
 * Rated configurations whose trials left iterations unfinished at the window's end: the tracer fell behind the rate,
 * so their iteration latencies (each unfinished one as waited by the end) are lower bounds.
 */
final class OpenLoopBacklog {
    private OpenLoopBacklog() {}

    /** The most iterations one valid trial of {@code s} left unfinished; 0 without a rate or without any. */
    static long unfinished(ConfigStats s) {
        return Math.max(0, s.valid().stream().mapToLong(t -> t.iterationLatency().unfinished()).max().orElse(0));
    }

    /** One {@link WarningKind#ITERATIONS_UNFINISHED} per configuration with unfinished iterations. */
    static List<RunWarning> warnings(List<ConfigStats> configs) {
        List<RunWarning> out = new ArrayList<>();
        for (ConfigStats s : configs) {
            long most = unfinished(s);
            if (most == 0) continue;
            long trials = s.valid().stream().filter(t -> t.iterationLatency().lowerBound()).count();
            out.add(new RunWarning(WarningKind.ITERATIONS_UNFINISHED, s.config().tracer(), s.config().workload(),
                    s.config().workers(), trials + " of " + s.valid().size() + " valid trials, up to " + most
                    + " iterations unfinished at " + Num.sig(s.ratePerWorker(), 4) + " iterations/s per worker;"
                    + " iteration p99 ≥ " + MarkdownReport.nanos(s.metric(Metrics.ITERATION_LATENCY + "_p99").mean())));
        }
        return out;
    }

    /** {@code ns} as {@link MarkdownReport#nanos}, marked "≥ " when {@code s} left iterations unfinished. */
    static String bound(ConfigStats s, double ns) {
        return (unfinished(s) > 0 && !Double.isNaN(ns) ? "≥ " : "") + MarkdownReport.nanos(ns);
    }
}
