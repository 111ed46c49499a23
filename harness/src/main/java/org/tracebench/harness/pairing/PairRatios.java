package org.tracebench.harness.pairing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.stats.StudentT;

/**
 * The ratio of a metric between the two trials of each pair (tracer / baseline), summarized on the log scale: the
 * estimate is the geometric mean of the pair ratios and the 95% interval is {@code exp(mean ± t·sd/√n)} of their
 * logarithms (Student t with n−1 degrees of freedom). Ratios are symmetric on this scale (0.5 and 2 average to 1),
 * which arithmetic means of ratios are not. Pairs with a non-positive or non-finite value are left out.
 *
 * @param ratios    the pair ratios used, in input order
 * @param ratio     geometric mean; NaN without pairs
 * @param ci95Low   lower bound; NaN with fewer than two pairs
 * @param ci95High  upper bound; NaN with fewer than two pairs
 */
public record PairRatios(List<Double> ratios, double ratio, double ci95Low, double ci95High) {
    /** The method name summary.json writes for these ratios, also in {@code throughputRatioVsNone} of a paired run. */
    public static final String METHOD = "within-pair-geometric-mean";

    public PairRatios {
        ratios = List.copyOf(ratios);
    }

    /** Pairs as {tracer value, baseline value}. */
    public static PairRatios of(List<double[]> pairs) {
        List<Double> rs = new ArrayList<>();
        for (double[] p : pairs) {
            double b = p[0], a = p[1];
            if (a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) rs.add(b / a);
        }
        int n = rs.size();
        if (n == 0) return new PairRatios(rs, Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double r : rs) mean += Math.log(r);
        mean /= n;
        if (n < 2) return new PairRatios(rs, Math.exp(mean), Double.NaN, Double.NaN);
        double ss = 0;
        for (double r : rs) ss += (Math.log(r) - mean) * (Math.log(r) - mean);
        double half = StudentT.t975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new PairRatios(rs, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half));
    }

    public int n() { return ratios.size(); }

    public boolean hasInterval() { return !Double.isNaN(ci95Low); }

    /** True when the interval holds 1 (no difference); false without an interval. */
    public boolean containsOne() { return hasInterval() && ci95Low <= 1 && 1 <= ci95High; }

    /**
     * The overhead of a throughput ratio as a slowdown fraction, {@code 1/ratio − 1} (0.25 = each operation takes
     * 25% longer); its interval is the inverted bounds'.
     */
    public double slowdown() { return 1 / ratio - 1; }

    public double slowdownLow() { return 1 / ci95High - 1; }

    public double slowdownHigh() { return 1 / ci95Low - 1; }

    /** JSON-ready, for a throughput ratio: {@code slowdown} is {@link #slowdown} (1/ratio − 1). */
    public Map<String, Object> toMap() {
        return toMap(slowdown(), slowdownLow(), slowdownHigh());
    }

    /**
     * JSON-ready, for a latency ratio (tracer p99 / baseline p99): {@code slowdown} is ratio − 1 (a p99 26 times the
     * baseline's is 25, i.e. +2500%), its bounds the interval's minus 1; a throughput's 1/ratio − 1 would turn a rise into a fall.
     * {@code lowerBound}: the ratio is a lower bound ({@link Bound#LOWER}); {@code bound}: {@link Bound#json}.
     */
    public Map<String, Object> toLatencyMap(Bound bound) {
        Map<String, Object> m = toMap(ratio - 1, ci95Low - 1, ci95High - 1);
        m.put("lowerBound", bound == Bound.LOWER);
        m.put("bound", bound.json());
        return m;
    }

    /**
     * Which way a p99 ratio is bounded when unfinished iterations make some of its trials' p99 lower bounds: such a
     * p99 can only be higher, so a tracer's can only raise the ratio and a baseline's only lower it.
     */
    public enum Bound {
        /** No trial's p99 is a lower bound. */
        EXACT(""),
        /** Some tracer trial's p99 is a lower bound, no baseline's: the true ratio is at least this, "≥". */
        LOWER("≥ "),
        /** Some baseline's p99 is a lower bound, no tracer trial's: the true ratio is at most this, "≤". */
        UPPER("≤ "),
        /** Both sides have a lower-bound p99: the true ratio may be higher or lower, "~". */
        NEITHER("~ ");

        /** The mark report.md puts before the ratio. */
        public final String mark;

        Bound(String mark) { this.mark = mark; }

        /** From whether some tracer trial's and some baseline trial's p99 is a lower bound. */
        public static Bound of(boolean tracerLowerBound, boolean baselineLowerBound) {
            return tracerLowerBound ? baselineLowerBound ? NEITHER : LOWER : baselineLowerBound ? UPPER : EXACT;
        }

        /** As JSON writes it: "exact", "lower", "upper" or "neither". */
        public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private Map<String, Object> toMap(double slowdown, double slowdownLow, double slowdownHigh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", n());
        m.put("ratio", nan(ratio));
        m.put("ci95Low", nan(ci95Low));
        m.put("ci95High", nan(ci95High));
        m.put("slowdown", nan(slowdown));
        m.put("slowdownCi95Low", nan(slowdownLow));
        m.put("slowdownCi95High", nan(slowdownHigh));
        m.put("method", METHOD); // the same name as throughputRatioVsNone.method and opSlowdowns[].method
        m.put("pairRatios", new ArrayList<>(ratios));
        return m;
    }

    private static Object nan(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
