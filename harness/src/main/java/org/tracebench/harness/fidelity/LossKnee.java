package org.tracebench.harness.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tracebench.loadgen.op.OpKind;

/**
 * Loss knees of a rate sweep. At a level a tracer is complete for a set of op kinds when its trial is valid, it
 * reported at least {@link #THRESHOLD} of every observable kind's operations, and it admitted no lost events. The
 * knee is the highest offered rate such that the tracer was complete at that level and every lower one; a tracer
 * complete at every level has its knee at or above the highest level tested ({@code beyondRange}); one incomplete at
 * the lowest level has none ({@code belowRange}). A knee reached with a share counted without paths
 * ({@link TrialRow#seenIsUpperBound}) is an upper bound ({@code upperBound}): the tracer may have missed below it.
 */
public final class LossKnee {
    /** The completeness a knee requires: 99.9% of the operations. */
    public static final double THRESHOLD = 0.999;

    private LossKnee() {}

    /** One tracer's knee over one set of kinds ({@code family} "all" or an op family). */
    public record Knee(String tracer, String workload, int workers, String family, double kneePerSecond,
                       boolean beyondRange, boolean belowRange, double firstMissPerSecond, String firstMissReason,
                       boolean upperBound) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tracer", tracer);
            m.put("workload", workload);
            m.put("workers", workers);
            m.put("family", family);
            m.put("kneeIterationsPerSecond", Double.isNaN(kneePerSecond) ? null : kneePerSecond);
            m.put("beyondRange", beyondRange);
            m.put("belowRange", belowRange);
            m.put("upperBound", upperBound);
            m.put("firstMissIterationsPerSecond", Double.isNaN(firstMissPerSecond) ? null : firstMissPerSecond);
            m.put("firstMissReason", firstMissReason);
            return m;
        }

        /**
         * For tables: {@code 4000/s}, {@code ≥ 16000/s}, {@code < 1000/s}, or {@code blind}; a knee reached with counted
         * shares ends in {@code (upper bound: counted, not matched)}.
         */
        public String text() {
            if (belowRange) return "< " + rate(firstMissPerSecond);
            if (Double.isNaN(kneePerSecond)) return "blind";
            return (beyondRange ? "≥ " : "") + rate(kneePerSecond) + (upperBound ? " (upper bound: counted, not matched)" : "");
        }

        private static String rate(double r) {
            return org.tracebench.harness.suite.TrialSpec.rateText(Math.round(r)) + "/s";
        }
    }

    /** Knees of every non-baseline tracer in {@code sweepRows} per workload × workers, overall and per op family. */
    public static List<Knee> of(List<TrialRow> sweepRows) {
        Map<String, Map<String, TreeMap<Double, TrialRow>>> byGroup = new LinkedHashMap<>();
        for (TrialRow r : sweepRows) {
            if (!"sweep".equals(r.role()) || r.backend().equals("none")) continue;
            byGroup.computeIfAbsent(r.workload() + "\u0000" + r.workers(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.label(), k -> new TreeMap<>()).put(r.offered(), r);
        }
        List<Knee> out = new ArrayList<>();
        for (Map<String, TreeMap<Double, TrialRow>> tracers : byGroup.values()) {
            for (TreeMap<Double, TrialRow> levels : tracers.values()) {
                TrialRow any = levels.firstEntry().getValue();
                out.add(knee(levels, "all", null, any));
                Map<String, List<String>> families = new TreeMap<>();
                for (TrialRow r : levels.values()) {
                    for (String kind : r.completeness().keySet()) {
                        String fam = OpKind.byName(kind).map(k -> k.family().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).orElse("other");
                        List<String> l = families.computeIfAbsent(fam, f -> new ArrayList<>());
                        if (!l.contains(kind)) l.add(kind);
                    }
                }
                families.forEach((fam, kinds) -> out.add(knee(levels, fam, Set.copyOf(kinds), any)));
            }
        }
        return out;
    }

    static Knee knee(TreeMap<Double, TrialRow> levels, String family, Set<String> kinds, TrialRow any) {
        double knee = Double.NaN;
        boolean observableAny = false;
        boolean upper = false; // some level at or below the knee passed on a counted share
        for (Map.Entry<Double, TrialRow> e : levels.entrySet()) {
            TrialRow r = e.getValue();
            if (kinds != null && r.ok() && kinds.stream().noneMatch(k -> r.observable().getOrDefault(k, true))) continue;
            observableAny = true;
            String miss = !r.ok() ? "invalid trial" : r.lostEvents() > 0 ? r.lostEvents() + " lost events"
                    : Double.isNaN(r.seenRatio(kinds)) ? "no operation completed"
                    : !r.complete(kinds, THRESHOLD) ? String.format(java.util.Locale.ROOT, "%s%.2f%% seen",
                            r.seenIsUpperBound(kinds) ? "≤ " : "", 100 * r.seenRatio(kinds)) : null;
            if (miss != null) {
                boolean below = Double.isNaN(knee);
                return new Knee(any.label(), any.workload(), any.workers(), family, knee, false, below, e.getKey(), miss, upper && !below);
            }
            knee = e.getKey();
            upper |= r.seenIsUpperBound(kinds);
        }
        if (!observableAny) return new Knee(any.label(), any.workload(), any.workers(), family, Double.NaN, false, false, Double.NaN, "blind by design", false);
        return new Knee(any.label(), any.workload(), any.workers(), family, knee, true, false, Double.NaN, null, upper);
    }
}
