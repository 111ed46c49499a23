package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latency percentiles in nanoseconds; all zero when nothing was recorded. */
public record LatencySummary(long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos,
                             double meanNanos) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram h) {
        if (h == null || h.getTotalCount() == 0) return EMPTY;
        return new LatencySummary(h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }

    /** The contract shape: {@code {p50, p90, p99, p999, max, mean}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", p50Nanos);
        m.put("p90", p90Nanos);
        m.put("p99", p99Nanos);
        m.put("p999", p999Nanos);
        m.put("max", maxNanos);
        m.put("mean", Math.round(meanNanos * 10) / 10.0);
        return m;
    }
}
