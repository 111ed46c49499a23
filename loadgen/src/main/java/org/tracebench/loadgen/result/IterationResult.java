package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole iterations (one pass over the task list) in the measured window. With a rate, latency runs from the
 * intended start time (coordinated-omission corrected); without one, from the actual start.
 *
 * @param count      iterations begun in the window (their first op's actual start, as ops are counted) in which
 *                   every op (and restore step) succeeded: only these are in {@code perSecond}. With a rate this
 *                   includes a backlog intended in the warm-up and begun late, in the window (the achieved rate)
 * @param failed     iterations with at least one error (neither in {@code count} nor timed)
 * @param unfinished with a rate: iterations intended within the window that had not finished when it ended (a
 *                   load the system cannot keep up with leaves a backlog); each is in {@code latency} with the
 *                   time it had waited by the end, a lower bound, and not in {@code count}. 0 without a rate
 * @param latencyLowerBound with a rate: per percentile of {@code latency} ({@code p50} … {@code max}), whether the
 *                   unfinished iterations make it a lower bound ({@link IterationBounds}); null without a rate
 * @param timed      with a rate: the finished iterations in {@code latency}, those of {@code count} also intended in
 *                   the window (the latency's population is these and {@code unfinished}); -1 without a rate
 */
public record IterationResult(long count, double perSecond, LatencySummary latency, long failed, long unfinished,
                              Map<String, Boolean> latencyLowerBound, long timed) {
    /** load.json's key, under {@code iterations}, of the per-percentile lower-bound flags. */
    public static final String LOWER_BOUND_FLAGS = "latencyNanosLowerBound";

    /** A result without unfinished iterations (closed loop). */
    public IterationResult(long count, double perSecond, LatencySummary latency, long failed) {
        this(count, perSecond, latency, failed, 0);
    }

    /** A result without per-percentile lower-bound flags. */
    public IterationResult(long count, double perSecond, LatencySummary latency, long failed, long unfinished) {
        this(count, perSecond, latency, failed, unfinished, null);
    }

    /** A result without the timed count. */
    public IterationResult(long count, double perSecond, LatencySummary latency, long failed, long unfinished,
                           Map<String, Boolean> latencyLowerBound) {
        this(count, perSecond, latency, failed, unfinished, latencyLowerBound, -1);
    }

    /** load.json's key, under {@code iterations}, of {@link #timed}. */
    public static final String TIMED = "timed";

    /**
     * The iterations in the latency histogram of a load.json {@code iterations} object: {@code timed} (where written)
     * plus {@code unfinished}; from a load generator before {@code timed}, {@code count} plus {@code unfinished}.
     */
    public static long inLatency(Object iterations) {
        if (!(iterations instanceof Map<?, ?> it)) return 0;
        Object finished = it.get(TIMED) instanceof Number ? it.get(TIMED) : it.get("count");
        return (finished instanceof Number n ? n.longValue() : 0)
                + (it.get("unfinished") instanceof Number u ? u.longValue() : 0);
    }

    /**
     * Whether {@code unfinished} iterations left by {@code workers} workers are a backlog: a worker keeping up has at
     * most one iteration in flight when the window ends (its next is due after the end), so only more than one per
     * worker says that some worker fell behind the rate.
     */
    public static boolean backlog(long unfinished, int workers) {
        return unfinished > Math.max(1, workers);
    }

    /**
     * Whether iteration percentile {@code q} ({@code "p50"} … {@code "max"}) of a result that left {@code unfinished}
     * iterations unfinished is a lower bound: as {@code flags} (load.json's {@code latencyNanosLowerBound}) says, or,
     * for a result without them (null), whenever any iteration was unfinished.
     */
    public static boolean lowerBound(long unfinished, Map<?, ?> flags, String q) {
        return unfinished > 0 && (flags == null || !Boolean.FALSE.equals(flags.get(q)));
    }

    /** The per-percentile lower-bound flags of a load.json {@code iterations} object, or null where it has none. */
    public static Map<?, ?> lowerBoundFlags(Object iterations) {
        return iterations instanceof Map<?, ?> it && it.get(LOWER_BOUND_FLAGS) instanceof Map<?, ?> f ? f : null;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("perSecond", Math.round(perSecond * 100) / 100.0);
        m.put("latencyNanos", latency.toJson());
        m.put("failed", failed);
        m.put("unfinished", unfinished);
        if (latencyLowerBound != null) m.put(LOWER_BOUND_FLAGS, latencyLowerBound);
        if (timed >= 0) m.put(TIMED, timed);
        return m;
    }
}
