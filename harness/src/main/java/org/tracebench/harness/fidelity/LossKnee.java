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
 * A knee at a level the tracer did not reach ({@code saturated}: it achieved less than the sweep's saturation × the
 * offered rate, slowing the load rather than losing events) holds for the rate achieved there, not the one offered.
 */
public final class LossKnee {
    /** The completeness a knee requires: 99.9% of the operations. */
    public static final double THRESHOLD = 0.999;

    private LossKnee() {}

    /** One tracer's knee over one set of kinds ({@code family} "all" or an op family). */
    public record Knee(String tracer, String workload, int workers, String family, double kneePerSecond,
                       boolean beyondRange, boolean belowRange, double firstMissPerSecond, String firstMissReason,
                       boolean upperBound, double achievedPerSecond, boolean saturated) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tracer", tracer);
            m.put("workload", workload);
            m.put("workers", workers);
            m.put("family", family);
            m.put("kneeIterationsPerSecond", Double.isNaN(kneePerSecond) ? null : kneePerSecond);
            m.put("kneeAchievedIterationsPerSecond", Double.isFinite(achievedPerSecond) ? achievedPerSecond : null);
            m.put("saturated", saturated);
            m.put("beyondRange", beyondRange);
            m.put("belowRange", belowRange);
            m.put("upperBound", upperBound);
            m.put("firstMissIterationsPerSecond", Double.isNaN(firstMissPerSecond) ? null : firstMissPerSecond);
            m.put("firstMissReason", firstMissReason);
            return m;
        }

        /**
         * For tables: {@code 4000/s}, {@code ≥ 16000/s}, {@code < 1000/s}, or {@code blind}; a saturated knee names the
         * rate achieved, {@code ≥ 8917/s achieved (64000/s offered)}; a knee reached with counted shares ends in
         * {@code (upper bound: counted, not matched)}.
         */
        public String text() {
            if (belowRange) return "< " + rate(firstMissPerSecond);
            if (Double.isNaN(kneePerSecond)) return "blind";
            return (beyondRange ? "≥ " : "") + (saturated ? rate(achievedPerSecond) + " achieved (" + rate(kneePerSecond)
                    + " offered)" : rate(kneePerSecond)) + (upperBound ? " (upper bound: counted, not matched)" : "");
        }

        private static String rate(double r) {
            return org.tracebench.harness.suite.TrialSpec.rateText(Math.round(r)) + "/s";
        }
    }

    /** {@link #of(List, double)} at the default saturation, {@link SweepSpec#DEFAULT_SATURATION}. */
    public static List<Knee> of(List<TrialRow> sweepRows) {
        return of(sweepRows, SweepSpec.DEFAULT_SATURATION);
    }

    /**
     * Knees of every non-baseline tracer in {@code sweepRows} per workload × workers, overall and per op family; a
     * level where achieved / offered fell below {@code saturation} (the sweep's, manifest.json) was not reached.
     */
    public static List<Knee> of(List<TrialRow> sweepRows, double saturation) {
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
                out.add(knee(levels, "all", null, any, saturation));
                Map<String, List<String>> families = new TreeMap<>();
                for (TrialRow r : levels.values()) {
                    for (String kind : r.completeness().keySet()) {
                        String fam = OpKind.byName(kind).map(k -> k.family().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).orElse("other");
                        List<String> l = families.computeIfAbsent(fam, f -> new ArrayList<>());
                        if (!l.contains(kind)) l.add(kind);
                    }
                }
                families.forEach((fam, kinds) -> out.add(knee(levels, fam, Set.copyOf(kinds), any, saturation)));
            }
        }
        return out;
    }

    static Knee knee(TreeMap<Double, TrialRow> levels, String family, Set<String> kinds, TrialRow any, double saturation) {
        double knee = Double.NaN;
        boolean observableAny = false;
        boolean upper = false; // some level at or below the knee passed on a counted share
        for (Map.Entry<Double, TrialRow> e : levels.entrySet()) {
            TrialRow r = e.getValue();
            if (kinds != null && r.ok() && kinds.stream().noneMatch(k -> r.observable().getOrDefault(k, true))) continue;
            observableAny = true;
            String miss = !r.ok() ? "invalid trial" : r.lostEvents() > 0 ? r.lostEvents() + " lost events"
                    : Double.isNaN(r.seenRatio(kinds)) ? "no operation completed"
                    : !r.complete(kinds, THRESHOLD) ? missed(r, kinds) : null;
            if (miss != null) {
                boolean below = Double.isNaN(knee);
                TrialRow at = below ? null : levels.get(knee);
                return new Knee(any.label(), any.workload(), any.workers(), family, knee, false, below, e.getKey(), miss,
                        upper && !below, at == null ? Double.NaN : at.achievedIterations(), at != null && saturated(at, saturation));
            }
            knee = e.getKey();
            upper |= r.seenIsUpperBound(kinds);
        }
        if (!observableAny) return new Knee(any.label(), any.workload(), any.workers(), family, Double.NaN, false, false,
                Double.NaN, "blind by design", false, Double.NaN, false);
        TrialRow at = levels.get(knee);
        return new Knee(any.label(), any.workload(), any.workers(), family, knee, true, false, Double.NaN, null, upper,
                at.achievedIterations(), saturated(at, saturation));
    }

    /** True when {@code r} achieved less than {@code saturation} × its offered rate: the load never ran at that rate. */
    static boolean saturated(TrialRow r, double saturation) {
        return r.achievedIterations() < saturation * r.offered(); // NaN (unknown achieved rate): false
    }

    /** The kinds below {@link #THRESHOLD} and their shares, {@code stat 99.85%, read ≤ 99.00% seen}. */
    private static String missed(TrialRow r, Set<String> kinds) {
        List<String> out = new ArrayList<>();
        r.completeness().forEach((k, v) -> {
            if ((kinds != null && !kinds.contains(k)) || !r.observable().getOrDefault(k, true) || v[0] == 0) return;
            double share = (double) Math.min(v[0], v[1]) / v[0];
            if (share < THRESHOLD) out.add(k + " " + (r.seenIsUpperBound(Set.of(k)) ? "≤ " : "") + share(share));
        });
        return String.join(", ", out) + " seen";
    }

    /**
     * A share in percent to one decimal, or, where that would read as reaching {@link #THRESHOLD} (0.9985 as 99.9%),
     * truncated to two (99.85%), so a share that misses never prints as one that passes.
     */
    public static String share(double v) {
        if (!Double.isFinite(v)) return "—";
        String one = String.format(java.util.Locale.ROOT, "%.1f%%", v * 100);
        if (v >= THRESHOLD || v < 0.998) return one;
        return java.math.BigDecimal.valueOf(v).movePointRight(2).setScale(2, java.math.RoundingMode.FLOOR).toPlainString() + "%";
    }
}
