package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracebench.harness.suite.Suite.TracerSpec;

/**
 * One planned trial: a configuration (tracer × workload × workers) and its repetition number.
 *
 * @param number     1-based position in the plan (the {@code NNN} of the trial directory)
 * @param taskFile   absolute path of the task file the load generator reads
 * @param repetition 1-based
 * @param placement  where the trial sits in a paired block or a rate sweep (issue 7); {@link Placement#NONE} otherwise
 */
public record TrialSpec(int number, TracerSpec tracer, String workload, Path taskFile, int workers, int repetition,
                        Placement placement) {

    public TrialSpec {
        placement = placement == null ? Placement.NONE : placement;
    }

    /** A trial outside any paired block or sweep. */
    public TrialSpec(int number, TracerSpec tracer, String workload, Path taskFile, int workers, int repetition) {
        this(number, tracer, workload, taskFile, workers, repetition, Placement.NONE);
    }

    /**
     * Issue 7's placement of a trial.
     *
     * @param offeredRatePerSecond open-loop offered rate in iterations per second over all workers; NaN = closed loop
     * @param block                paired block number (1-based, unique in the plan); 0 = not paired
     * @param position             1-based position in the block (ABBA: 1 and 4 are the baseline)
     * @param role                 {@code pair} (a tracer against none), {@code aa} (none against none), {@code sweep}, or empty
     */
    public record Placement(double offeredRatePerSecond, int block, int position, String role) {
        public static final Placement NONE = new Placement(Double.NaN, 0, 0, "");

        public Placement {
            role = role == null ? "" : role;
        }

        public boolean open() { return !Double.isNaN(offeredRatePerSecond); }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offeredRatePerSecond", open() ? offeredRatePerSecond : null);
            m.put("block", block);
            m.put("position", position);
            m.put("role", role);
            return m;
        }

        static Placement fromMap(Object o) {
            if (!(o instanceof Map<?, ?> m)) return NONE;
            double rate = m.get("offeredRatePerSecond") instanceof Number n ? n.doubleValue() : Double.NaN;
            int block = m.get("block") instanceof Number n ? n.intValue() : 0;
            int pos = m.get("position") instanceof Number n ? n.intValue() : 0;
            return new Placement(rate, block, pos, m.get("role") == null ? "" : String.valueOf(m.get("role")));
        }
    }

    /** The workload as reports group it: the name, or {@code name@R/s} at an offered rate of a sweep. */
    public String workloadLabel() {
        return placement.open() ? workload + "@" + rateText(placement.offeredRatePerSecond()) + "/s" : workload;
    }

    /** A rate without a needless fraction: 2000, 2500.5. */
    public static String rateText(double r) {
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
    }

    /** {@code <NNN>-<tracer>-<workload>-w<workers>-r<rep>}, the trial's directory under {@code trials/}. */
    public String dirName() {
        return String.format("%03d-%s-%s-w%d-r%d", number, tracer.name(), workload, workers, repetition);
    }

    /** The configuration this trial repeats (for grouping). */
    public String configuration() {
        return tracer.label() + "/" + workloadLabel() + "/w" + workers;
    }

    /** JSON-ready form, as recorded in manifest.json's {@code plan}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("dir", dirName());
        m.put("tracer", tracer.name());
        m.put("tracerOptions", new LinkedHashMap<>(tracer.options()));
        m.put("tracerVariant", tracer.variant());
        m.put("workload", workload);
        m.put("taskFile", taskFile.toString());
        m.put("workers", workers);
        m.put("repetition", repetition);
        m.put("placement", placement.toMap());
        return m;
    }

    /** Reads back {@link #toMap()} (as SnakeYAML loads manifest.json). */
    @SuppressWarnings("unchecked")
    public static TrialSpec fromMap(Map<String, Object> m) {
        Map<String, String> opts = new LinkedHashMap<>();
        Object o = m.get("tracerOptions");
        if (o instanceof Map<?, ?> om) om.forEach((k, v) -> opts.put(String.valueOf(k), String.valueOf(v)));
        String variant = m.get("tracerVariant") == null ? "" : String.valueOf(m.get("tracerVariant"));
        return new TrialSpec(((Number) m.get("number")).intValue(), new TracerSpec((String) m.get("tracer"), opts, variant),
                (String) m.get("workload"), Path.of((String) m.get("taskFile")),
                ((Number) m.get("workers")).intValue(), ((Number) m.get("repetition")).intValue(),
                Placement.fromMap(m.get("placement")));
    }
}
