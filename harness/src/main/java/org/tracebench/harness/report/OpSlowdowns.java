package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.pairing.AbbaPairs;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.RatioEstimate;

/**
 * How many times longer each op kind takes under each tracer: the tracer's mean latency of that kind ÷ none's, on
 * the same workload and worker count, with its 95% interval: for a tracer run in paired ABBA blocks the geometric mean
 * of the within-pair ratios of the trials' mean latencies ({@link PairRatios}, as its × none), else the ratio of the
 * mean latencies over repetitions with Fieller's interval.
 *
 * <p>Latency, not throughput: in a workload that mixes op kinds every kind runs once per iteration, so their
 * throughputs all fall by the iteration's slowdown and say nothing about the kind (the mixed workload's per-kind
 * throughput ratios are one number twenty times). At a fixed {@code rate} the throughput does not fall at all. For
 * a single-op closed loop the two agree (Little's law). Each kind is taken from the workload that performs the fewest
 * kinds, so one doing only that kind where the suite has one; among equals the first (by name, as
 * {@link Results#workloads()} orders them; fewest workers first). The others are {@link #notShown}.
 */
public final class OpSlowdowns {
    private OpSlowdowns() {}

    /**
     * One tracer's slowdown of one op kind, measured on {@code workload} with {@code workers}; {@code alone} when
     * that workload performs only this kind. Interval bounds NaN with fewer than two repetitions (or pairs), infinite
     * when unbounded. {@code method}: {@link PairRatios#METHOD} (within-pair) or {@link RatioEstimate#METHOD} (Fieller).
     */
    public record Slowdown(String tracer, String op, String workload, int workers, boolean alone, double factor,
                           double ci95Low, double ci95High, String method) {
        /** True for a within-pair ratio (a tracer run in paired ABBA blocks). */
        public boolean paired() { return PairRatios.METHOD.equals(method); }
    }

    /** Whether some of {@code slowdowns} is a within-pair ratio ({@code paired} true) or Fieller's ({@code false}). */
    public static boolean any(List<Slowdown> slowdowns, boolean paired) {
        return slowdowns.stream().anyMatch(d -> d.paired() == paired);
    }

    /** The metric behind the slowdowns (nanoseconds). */
    public static String metric(String op) {
        return Metrics.LATENCY_MEAN + "." + op;
    }

    /** The op kinds of {@code slowdowns} ({@link #all}) in their order. */
    public static List<String> ops(List<Slowdown> slowdowns) {
        List<String> ops = new ArrayList<>();
        for (Slowdown s : slowdowns) if (!ops.contains(s.op())) ops.add(s.op());
        return ops;
    }

    /**
     * Every tracer's slowdown of every op kind it has one for, tracers in the results' order, then ops: of each
     * tracer and kind the one from the workload doing the fewest kinds, the first of those by name (fewest workers
     * first).
     */
    public static List<Slowdown> all(Analysis a) {
        Map<String, Slowdown> best = new LinkedHashMap<>();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (Slowdown d : measured(a)) {
            String key = key(d);
            int n = a.find(d.tracer(), d.workload(), d.workers()).ops().size();
            if (kinds.containsKey(key) && kinds.get(key) <= n) continue; // equals: the first, by name then workers
            best.put(key, d);
            kinds.put(key, n);
        }
        List<String> tracers = a.results().tracers();
        List<Slowdown> out = new ArrayList<>(best.values());
        out.sort(java.util.Comparator.comparingInt((Slowdown s) -> tracers.indexOf(s.tracer())));
        return out;
    }

    /**
     * The slowdowns measured but not in {@code shown} ({@link #all}): each tracer's kinds on the other workloads and
     * worker counts that perform them, in the configurations' order.
     */
    public static List<Slowdown> notShown(Analysis a, List<Slowdown> shown) {
        return measured(a).stream().filter(d -> !shown.contains(d)).toList();
    }

    /** Every slowdown there is: each tracer's configuration with a none baseline, each kind both measured. */
    private static List<Slowdown> measured(Analysis a) {
        List<Slowdown> out = new ArrayList<>();
        Map<Analysis.Config, List<AbbaPairs.Pair<Trial>>> pairs = Analysis.pairs(a.results());
        for (ConfigStats s : a.configs()) {
            String tracer = s.config().tracer();
            if ("none".equals(tracer)) continue;
            ConfigStats base = a.find("none", s.config().workload(), s.config().workers());
            if (base == null) continue;
            boolean alone = s.ops().size() == 1;
            for (String op : s.ops()) {
                if (!s.metrics().containsKey(metric(op)) || !base.metrics().containsKey(metric(op))) continue;
                RatioEstimate r = pairs.containsKey(s.config()) // paired: the same pairs as its × none
                        ? Analysis.withinPairs(pairs.get(s.config()), t -> meanNanos(t, op))
                        : RatioEstimate.fieller(s.metric(metric(op)), base.metric(metric(op)));
                if (r == null || !(r.ratio() > 0) || !Double.isFinite(r.ratio())) continue;
                out.add(new Slowdown(tracer, op, s.config().workload(), s.config().workers(), alone, r.ratio(),
                        r.ci95Low(), r.ci95High(), r.method()));
            }
        }
        return out;
    }

    private static String key(Slowdown d) {
        return d.tracer() + "\u0000" + d.op();
    }

    private static double meanNanos(Trial t, String op) {
        Trial.Op o = t.ops().get(op);
        return o == null ? Double.NaN : o.meanNanos();
    }

    /** {@code slowdowns} ({@link #all}) as tracer → op → slowdown. */
    public static Map<String, Map<String, Slowdown>> byTracer(List<Slowdown> slowdowns) {
        Map<String, Map<String, Slowdown>> m = new LinkedHashMap<>();
        for (Slowdown s : slowdowns) m.computeIfAbsent(s.tracer(), k -> new LinkedHashMap<>()).put(s.op(), s);
        return m;
    }
}
