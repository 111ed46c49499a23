package org.tracebench.harness.fidelity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tracebench.harness.pairing.PairSessions;
import org.tracebench.harness.pairing.PairedAnalysis;

/**
 * Everything issue 7 reports about a results directory: sweep levels and loss knees, paired overheads with the A/A
 * check, the three-way split, and per tracer backend the cheapest configuration still complete on the workload.
 * A pure function of the trials' files.
 */
public record FidelityAnalysis(List<TrialRow> rows, List<SweepLevel> sweep, List<LossKnee.Knee> knees,
                               PairedAnalysis paired, List<OverheadSplit> splits, List<Cheapest> cheapest) {

    /**
     * One tracer at one sweep level. {@code achievedFraction} = achieved / offered iterations. {@code upperBoundKinds}:
     * the observable kinds whose share was counted without paths, an upper bound, not a match. {@code iterUnfinished}:
     * iterations the window's end left unfinished (load.json); {@code iterP50LowerBound}, {@code iterP99LowerBound}: they
     * could move that percentile ({@link TrialRow#iterLowerBound}), a lower bound. {@code saturated}: achieved / offered
     * fell below the sweep's saturation ({@link LossKnee#saturated}), so the load never ran at the offered rate.
     */
    public record SweepLevel(String tracer, String workload, int workers, double offeredPerSecond,
                             double achievedPerSecond, double iterP50Nanos, double iterP99Nanos, boolean ok,
                             Map<String, Double> seenPerKind, double seenOverall, long lostEvents, Set<String> upperBoundKinds,
                             long iterUnfinished, boolean iterP50LowerBound, boolean iterP99LowerBound, boolean saturated) {
        public double achievedFraction() { return achievedPerSecond / offeredPerSecond; }

        /** True when unfinished iterations could move {@link #iterP50Nanos} or {@link #iterP99Nanos}: a lower bound. */
        public boolean latencyIsLowerBound() { return iterP50LowerBound || iterP99LowerBound; }

        /** True when {@link #seenOverall} is an upper bound: some observable kind was counted, not matched. */
        public boolean seenIsUpperBound() { return !upperBoundKinds.isEmpty(); }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tracer", tracer);
            m.put("workload", workload);
            m.put("workers", workers);
            m.put("offeredIterationsPerSecond", offeredPerSecond);
            m.put("achievedIterationsPerSecond", fin(achievedPerSecond));
            m.put("saturated", saturated);
            m.put("iterationP50Nanos", fin(iterP50Nanos));
            m.put("iterationP99Nanos", fin(iterP99Nanos));
            m.put("iterationsUnfinished", Math.max(0, iterUnfinished));
            m.put("iterationLatencyIsLowerBound", latencyIsLowerBound());
            m.put("iterationP50IsLowerBound", iterP50LowerBound);
            m.put("iterationP99IsLowerBound", iterP99LowerBound);
            m.put("valid", ok);
            m.put("seenPerKind", new LinkedHashMap<>(seenPerKind));
            m.put("seenOverall", fin(seenOverall));
            m.put("seenIsUpperBound", seenIsUpperBound());
            m.put("upperBoundKinds", new ArrayList<>(upperBoundKinds));
            m.put("lostEvents", lostEvents < 0 ? null : lostEvents);
            return m;
        }
    }

    /**
     * A backend's cheapest complete configuration on a workload × workers: {@code chosen} is null when none of its
     * configurations was complete; {@code candidates} lists every configuration with its cost and completeness.
     * A share counted without paths ({@link TrialRow#seenIsUpperBound}) is an upper bound, not a match: such a
     * configuration is chosen only when no configuration's completeness was matched, and then {@code upperBound} is
     * true; its candidate says {@code completeAsUpperBound}, never {@code complete}.
     */
    public record Cheapest(String backend, String workload, int workers, OverheadSplit chosen, boolean upperBound,
                           List<Map<String, Object>> candidates) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", backend);
            m.put("workload", workload);
            m.put("workers", workers);
            m.put("cheapestComplete", chosen == null ? null : chosen.label());
            m.put("upperBound", upperBound);
            m.put("costMicrosPerOp", chosen == null ? null : fin(chosen.costMicrosPerOp()));
            m.put("candidates", candidates);
            return m;
        }
    }

    /** Reads and analyses {@code resultsDir}. */
    public static FidelityAnalysis of(Path resultsDir) throws IOException {
        return of(TrialRow.readAll(resultsDir), SweepGate.saturation(resultsDir), PairSessions.read(resultsDir));
    }

    /** {@link #of(List, double, PairSessions)} at the default saturation, with no pairs across sessions. */
    public static FidelityAnalysis of(List<TrialRow> rows) {
        return of(rows, SweepSpec.DEFAULT_SATURATION, PairSessions.NONE);
    }

    /** {@link #of(List, double, PairSessions)} with no pairs across sessions. */
    public static FidelityAnalysis of(List<TrialRow> rows, double saturation) {
        return of(rows, saturation, PairSessions.NONE);
    }

    /** {@link #of(List, double, PairSessions)} at the default saturation. */
    public static FidelityAnalysis of(List<TrialRow> rows, PairSessions across) {
        return of(rows, SweepSpec.DEFAULT_SATURATION, across);
    }

    /**
     * Analyses {@code rows}; {@code saturation}: the sweep's, below which achieved / offered did not reach a level;
     * {@code across}: the ABBA pairs that ran across a resume, left out of the paired analysis.
     */
    public static FidelityAnalysis of(List<TrialRow> rows, double saturation, PairSessions across) {
        List<SweepLevel> sweep = new ArrayList<>();
        for (TrialRow r : rows) {
            if (!"sweep".equals(r.role())) continue;
            Map<String, Double> kinds = new LinkedHashMap<>();
            r.completeness().forEach((k, v) -> kinds.put(k, r.observable().getOrDefault(k, true) && v[0] > 0
                    ? Math.min(1.0, (double) v[1] / v[0]) : Double.NaN));
            sweep.add(new SweepLevel(r.label(), r.workload(), r.workers(), r.offered(), r.achievedIterations(),
                    r.iterP50Nanos(), r.iterP99Nanos(), r.ok(), kinds, r.backend().equals("none") ? Double.NaN : r.seenRatio(null),
                    r.lostEvents(), r.backend().equals("none") ? Set.of() : kinds.keySet().stream()
                            .filter(k -> r.seenIsUpperBound(Set.of(k))).collect(Collectors.toCollection(LinkedHashSet::new)),
                    r.iterUnfinished(), r.iterLowerBound("p50"), r.iterLowerBound("p99"), LossKnee.saturated(r, saturation)));
        }
        PairedAnalysis paired = PairedAnalysis.of(across.without(rows, TrialRow::dir));
        List<OverheadSplit> splits = OverheadSplit.of(paired);
        return new FidelityAnalysis(rows, sweep, LossKnee.of(rows, saturation), paired, splits, cheapest(paired, splits));
    }

    static List<Cheapest> cheapest(PairedAnalysis paired, List<OverheadSplit> splits) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < paired.configs().size(); i++) {
            PairedAnalysis.Config c = paired.configs().get(i);
            groups.computeIfAbsent(c.backend() + "\u0000" + c.workload() + "\u0000" + c.workers(), k -> new ArrayList<>()).add(i);
        }
        List<Cheapest> out = new ArrayList<>();
        for (List<Integer> idx : groups.values()) {
            OverheadSplit best = null, bestBound = null; // matched completeness first; else an upper bound, named so
            List<Map<String, Object>> cands = new ArrayList<>();
            for (int i : idx) {
                PairedAnalysis.Config c = paired.configs().get(i);
                OverheadSplit s = splits.get(i);
                boolean atThreshold = !c.tracerRows().isEmpty() && c.tracerRows().stream().allMatch(r -> r.ok()
                        && r.lostEvents() <= 0 && r.complete(null, LossKnee.THRESHOLD));
                boolean upperBound = c.tracerRows().stream().anyMatch(r -> r.seenIsUpperBound(null));
                boolean complete = atThreshold && !upperBound; // a counted share cannot show that nothing was missed
                double seen = OverheadSplit.mean(c.tracerRows(), r -> r.seenRatio(null));
                long lost = c.tracerRows().stream().mapToLong(r -> Math.max(0, r.lostEvents())).sum();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("tracer", c.label());
                m.put("complete", complete);
                m.put("completeAsUpperBound", atThreshold && upperBound);
                m.put("seenIsUpperBound", upperBound);
                m.put("seenOverall", fin(seen));
                m.put("lostEvents", lost);
                m.put("costMicrosPerOp", fin(s.costMicrosPerOp()));
                m.put("notTracedByOption", c.tracerRows().stream().flatMap(r -> r.notTracedByOption().stream())
                        .distinct().sorted().toList());
                cands.add(m);
                if (complete && Double.isFinite(s.costMicrosPerOp())
                        && (best == null || s.costMicrosPerOp() < best.costMicrosPerOp())) best = s;
                if (atThreshold && upperBound && Double.isFinite(s.costMicrosPerOp())
                        && (bestBound == null || s.costMicrosPerOp() < bestBound.costMicrosPerOp())) bestBound = s;
            }
            PairedAnalysis.Config first = paired.configs().get(idx.get(0));
            out.add(new Cheapest(first.backend(), first.workload(), first.workers(), best != null ? best : bestBound,
                    best == null && bestBound != null, cands));
        }
        return out;
    }

    /** True when the directory holds anything issue 7 reports on. */
    public boolean any() {
        return !sweep.isEmpty() || !paired.configs().isEmpty() || !paired.aaChecks().isEmpty();
    }

    /** fidelity.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-fidelity/1");
        List<Object> s = new ArrayList<>();
        sweep.forEach(l -> s.add(l.toMap()));
        m.put("sweep", s);
        List<Object> k = new ArrayList<>();
        knees.forEach(x -> k.add(x.toMap()));
        m.put("lossKnees", k);
        m.put("paired", paired.toMap());
        List<Object> sp = new ArrayList<>();
        splits.forEach(x -> sp.add(x.toMap()));
        m.put("overheadSplit", sp);
        List<Object> c = new ArrayList<>();
        cheapest.forEach(x -> c.add(x.toMap()));
        m.put("cheapestComplete", c);
        return m;
    }

    static Object fin(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
