package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole iterations (one pass over the task list) in the measured window. With a rate, latency runs from the
 * intended start time (coordinated-omission corrected); without one, from the actual start.
 *
 * @param count  iterations in which every op (and restore step) succeeded: only these are timed and in
 *               {@code perSecond}
 * @param failed iterations with at least one error (neither in {@code count} nor timed)
 */
public record IterationResult(long count, double perSecond, LatencySummary latency, long failed) {
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("perSecond", Math.round(perSecond * 100) / 100.0);
        m.put("latencyNanos", latency.toJson());
        m.put("failed", failed);
        return m;
    }
}
