package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.loadgen.result.IterationResult;

/**
 * Rated configurations whose trials left iterations unfinished at the window's end, so their iteration latencies (each
 * unfinished one as waited by the end) are lower bounds; and those among them that fell behind the rate (none falling
 * behind: the rate is beyond the machine, and that workload's tracers are not comparable at it).
 */
public final class OpenLoopBacklog {
    private OpenLoopBacklog() {}

    /** The most iterations one valid trial of {@code s} left unfinished; 0 without a rate or without any. */
    static long unfinished(ConfigStats s) {
        return Math.max(0, s.valid().stream().mapToLong(t -> t.iterationLatency().unfinished()).max().orElse(0));
    }

    /**
     * One {@link WarningKind#ITERATIONS_UNFINISHED} per configuration with a trial that fell behind its rate; none for a
     * rate sweep's levels, which pass saturation by design and whose table marks such latencies ≥.
     */
    static List<RunWarning> warnings(List<ConfigStats> configs) {
        List<RunWarning> out = new ArrayList<>();
        for (ConfigStats s : configs) {
            if (s.sweepLevel()) continue;
            int workers = s.config().workers();
            long trials = s.valid().stream().filter(t -> IterationResult.backlog(t.iterationLatency().unfinished(), workers)).count();
            if (trials == 0) continue;
            out.add(new RunWarning(WarningKind.ITERATIONS_UNFINISHED, s.config().tracer(), s.config().workload(),
                    workers, trials + " of " + s.valid().size() + " valid trials left more than " + workers
                    + (workers == 1 ? " iteration" : " iterations") + " unfinished, up to " + unfinished(s) + ", at "
                    + Num.sig(s.ratePerWorker(), 4) + " iterations/s per worker; iteration p99 ≥ "
                    + MarkdownReport.nanos(s.metric(Metrics.ITERATION_LATENCY + "_p99").mean())
                    + ("none".equals(s.config().tracer()) ? "; the baseline (none) could not sustain this rate: it is"
                    + " beyond what the machine and the load generator can do, so the tracers' rows of "
                    + s.config().workload() + " at " + workers + (workers == 1 ? " worker" : " workers")
                    + " are not comparable at it; lower the rate" : "")));
        }
        return out;
    }

    /**
     * Whether iteration percentile {@code q} ({@code "p50"}, {@code "p99"}, {@code "p999"}, {@code "max"}) of {@code s}
     * is a lower bound: in some valid trial the unfinished iterations could move it ({@link Trial.IterationLatency#lowerBound}).
     */
    static boolean lowerBound(ConfigStats s, String q) {
        return s.valid().stream().anyMatch(t -> t.iterationLatency().lowerBound(q));
    }

    /** {@code ns} as {@link MarkdownReport#nanos}, marked "≥ " when percentile {@code q} of {@code s} is a {@link #lowerBound}. */
    static String bound(ConfigStats s, String q, double ns) {
        return (lowerBound(s, q) && !Double.isNaN(ns) ? "≥ " : "") + MarkdownReport.nanos(ns);
    }
}
