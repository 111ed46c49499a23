package org.tracebench.harness.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite's {@code sweep:} over the offered rate (issue 7). Rates are open-loop iterations per second summed over
 * the workers (the load generator gets {@code --rate R/workers}); latencies are then measured from each iteration's
 * intended start, so coordinated omission is corrected.
 *
 * @param ratesPerSecond explicit levels, ascending; empty when {@code auto}
 * @param auto           start at {@code startPerSecond} and double until the baseline saturates (or maxLevels)
 * @param maxLevels      the most levels {@code auto} plans
 * @param saturation     the baseline saturates at a level when achieved / offered falls below this (0.9)
 * @param tracers        tracer names swept (each name's first configuration); empty = every tracer of the suite
 */
public record SweepSpec(List<Double> ratesPerSecond, boolean auto, double startPerSecond, int maxLevels,
                        double saturation, List<String> tracers) {
    public static final double DEFAULT_START = 1000;
    public static final int DEFAULT_MAX_LEVELS = 8;
    public static final double DEFAULT_SATURATION = 0.9;

    public SweepSpec {
        ratesPerSecond = List.copyOf(ratesPerSecond);
        tracers = List.copyOf(tracers);
    }

    /** Every level the plan holds: the explicit ones, or start·2^k for k below maxLevels. */
    public List<Double> plannedLevels() {
        if (!auto) return ratesPerSecond;
        List<Double> out = new ArrayList<>();
        double r = startPerSecond;
        for (int i = 0; i < maxLevels; i++, r *= 2) out.add(r);
        return out;
    }

    /** As recorded in manifest.json's suiteAsRun. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rates", auto ? "auto" : new ArrayList<>(ratesPerSecond));
        if (auto) {
            m.put("start", startPerSecond);
            m.put("maxLevels", maxLevels);
        }
        m.put("saturation", saturation);
        m.put("tracers", new ArrayList<>(tracers));
        return m;
    }
}
