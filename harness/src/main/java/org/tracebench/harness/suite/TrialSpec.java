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
 */
public record TrialSpec(int number, TracerSpec tracer, String workload, Path taskFile, int workers, int repetition) {

    /** {@code <NNN>-<tracer>-<workload>-w<workers>-r<rep>}, the trial's directory under {@code trials/}. */
    public String dirName() {
        return String.format("%03d-%s-%s-w%d-r%d", number, tracer.name(), workload, workers, repetition);
    }

    /** The configuration this trial repeats (for grouping). */
    public String configuration() {
        return tracer.name() + "/" + workload + "/w" + workers;
    }

    /** JSON-ready form, as recorded in manifest.json's {@code plan}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("dir", dirName());
        m.put("tracer", tracer.name());
        m.put("tracerOptions", new LinkedHashMap<>(tracer.options()));
        m.put("workload", workload);
        m.put("taskFile", taskFile.toString());
        m.put("workers", workers);
        m.put("repetition", repetition);
        return m;
    }

    /** Reads back {@link #toMap()} (as SnakeYAML loads manifest.json). */
    @SuppressWarnings("unchecked")
    public static TrialSpec fromMap(Map<String, Object> m) {
        Map<String, String> opts = new LinkedHashMap<>();
        Object o = m.get("tracerOptions");
        if (o instanceof Map<?, ?> om) om.forEach((k, v) -> opts.put(String.valueOf(k), String.valueOf(v)));
        return new TrialSpec(((Number) m.get("number")).intValue(), new TracerSpec((String) m.get("tracer"), opts),
                (String) m.get("workload"), Path.of((String) m.get("taskFile")),
                ((Number) m.get("workers")).intValue(), ((Number) m.get("repetition")).intValue());
    }
}
