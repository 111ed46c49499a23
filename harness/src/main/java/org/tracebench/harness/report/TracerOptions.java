package org.tracebench.harness.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.suite.Suite;

/**
 * The backend options ({@code options:} in the suite) each tracer configuration ran with, as manifest.json's
 * {@code suiteAsRun.tracers} records them, else as its plan's or the trials' {@code tracerOptions}: a configuration
 * is keyed by its label, which names only the options of a {@code matrix:} ({@code strace[syscalls=all]}), so a plain
 * entry's options ({@code strace} with {@code syscalls: openat,close}) and a matrix entry's plain {@code options:}
 * show nowhere else.
 */
public final class TracerOptions {
    private TracerOptions() {}

    /** The text for a configuration run with the backend's defaults. */
    public static final String DEFAULTS = "defaults";

    /**
     * The options of the configuration labelled {@code label} in the run of {@code manifest} and {@code trials}, or
     * null when neither records them (results from before tracebench recorded them).
     */
    public static Map<String, String> of(Map<String, Object> manifest, List<Trial> trials, String label) {
        for (Object o : list(JsonMaps.map(manifest, "suiteAsRun").get("tracers"))) {
            if (o instanceof Map<?, ?> m && label.equals(label(m.get("name"), m.get("variant")))) return strings(m.get("options"));
        }
        for (Object o : list(manifest.get("plan"))) {
            if (o instanceof Map<?, ?> m && label.equals(label(m.get("tracer"), m.get("tracerVariant")))) {
                return strings(m.get("tracerOptions"));
            }
        }
        for (Trial t : trials) {
            if (!label.equals(t.tracer()) || t.status() == Trial.Status.UNFINISHED) continue;
            try {
                Object o = JsonMaps.readObject(t.dir().resolve("trial.json")).get("tracerOptions");
                if (o != null) return strings(o);
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable now (its own warning says so): the next trial
            }
        }
        return null;
    }

    /** "syscalls=openat,close bufferSizeKb=256", {@link #DEFAULTS} for none, "–" for unknown (null). */
    public static String text(Map<String, String> options) {
        if (options == null) return "–";
        if (options.isEmpty()) return DEFAULTS;
        return String.join(" ", options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /**
     * The tracer configurations of the run of {@code manifest} (suiteAsRun.tracers, else its plan) that ran with
     * options their label does not already name, each by its label with those options' {@link #text}, in the suite's
     * order: a plain entry's options, and a {@code matrix:} entry's plain {@code options:} (its label names only the
     * matrix's), which is what report.md's Environment and the .tex tables' opening comment state.
     */
    public static Map<String, String> unlabelled(Map<String, Object> manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        List<?> tracers = list(JsonMaps.map(manifest, "suiteAsRun").get("tracers"));
        boolean fromPlan = tracers.isEmpty();
        for (Object o : fromPlan ? list(manifest.get("plan")) : tracers) {
            if (!(o instanceof Map<?, ?> m) || m.get(fromPlan ? "tracer" : "name") == null) continue;
            Object variant = m.get(fromPlan ? "tracerVariant" : "variant");
            String label = label(m.get(fromPlan ? "tracer" : "name"), variant);
            Map<String, String> options = strings(m.get(fromPlan ? "tracerOptions" : "options"));
            options.keySet().removeAll(namedIn(variant == null ? "" : String.valueOf(variant)));
            if (!options.isEmpty()) out.putIfAbsent(label, text(options));
        }
        return out;
    }

    /** The option names a variant ({@code mode=counts perfRbPages=8}) states: each word before an '='. */
    static java.util.Set<String> namedIn(String variant) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s)([A-Za-z][\\w-]*)=").matcher(variant);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    private static String label(Object name, Object variant) {
        if (name == null) return null;
        return new Suite.TracerSpec(String.valueOf(name), Map.of(), variant == null ? "" : String.valueOf(variant)).label();
    }

    private static Map<String, String> strings(Object options) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
