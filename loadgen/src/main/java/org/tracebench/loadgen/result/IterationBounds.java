package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Which reported iteration percentiles the unfinished iterations of an open-loop run can move. Each unfinished one is
 * in the latency histogram with the time it had waited by the window's end, a lower bound. A percentile is a lower
 * bound when, had every unfinished iteration taken forever, it would be more than {@link #MATERIAL} (1%) higher, or
 * would lie beyond the finished ones (unbounded); otherwise it is exact to within 1% whatever they take. Why 1% and
 * not a change of histogram bucket: with thousands of iterations neighbouring ranks lie in different buckets some 0.1%
 * apart, so one iteration in flight (ranked by its short wait) would mark almost every percentile by a shift that the
 * 3 significant digits printed cannot show; 1% is the coarsest step of such a number (100 to 101) and ten times the
 * histogram's resolution, and far below a percentile's spread between repetitions.
 */
public final class IterationBounds {
    /** The reported percentiles, as {@link LatencySummary#toJson} names them; max is the 100th. */
    private static final String[] NAMES = {"p50", "p90", "p99", "p999", "max"};
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    /** How much higher than reported a percentile must be able to be to count as a lower bound: 1%. */
    public static final double MATERIAL = 0.01;

    private IterationBounds() {}

    /**
     * {@code {p50, p90, p99, p999, max}} → whether that percentile of {@code all} (the finished iterations of
     * {@code finished} plus the unfinished ones) is a lower bound. A percentile's rank in {@code all} (as
     * {@link Histogram#getValueAtPercentile} ranks) is looked up among the finished ones alone, as if every unfinished
     * iteration ranked above them all; beyond their count it is unbounded. It is a lower bound when unbounded or more
     * than {@link #MATERIAL} above the reported value (both as the histogram's highest equivalent value).
     */
    public static Map<String, Boolean> lowerBounds(Histogram finished, Histogram all) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        long total = all.getTotalCount(), done = finished.getTotalCount();
        for (int i = 0; i < NAMES.length; i++) {
            boolean bound = false;
            if (total > done) {
                long rank = rank(PERCENTILES[i], total);
                long reported = i == NAMES.length - 1 ? all.getMaxValue() : all.getValueAtPercentile(PERCENTILES[i]);
                bound = rank > done || valueAtRank(finished, rank) > reported * (1 + MATERIAL);
            }
            m.put(NAMES[i], bound);
        }
        return m;
    }

    /** The rank {@link Histogram#getValueAtPercentile} looks up for {@code percentile} among {@code total} values. */
    private static long rank(double percentile, long total) {
        double p = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0), 100);
        return Math.max(1, (long) Math.ceil(p / 100 * total));
    }

    /** The value of rank {@code rank} (1-based, at most its count) in {@code h}. */
    private static long valueAtRank(Histogram h, long rank) {
        for (HistogramIterationValue v : h.recordedValues()) {
            if (v.getTotalCountToThisValue() >= rank) return h.highestEquivalentValue(v.getValueIteratedTo());
        }
        return h.getMaxValue();
    }
}
