package org.tracebench.harness.results;

import java.util.List;
import java.util.Map;
import org.tracebench.harness.suite.Durations;

/**
 * Whether a results directory's manifest.json holds what {@code tracebench run --resume} reads back: the plan (one
 * entry per trial), the suite as run with its durations, the seed and the suite's name. Results written by hand or
 * by an old tracebench may lack them; {@code run --resume} refuses those and {@code report} does not advise it.
 */
public final class Resumable {
    private Resumable() {}

    /** Null when {@code manifest} can be resumed, else what is missing or wrong, e.g. "has no 'plan' (...)". */
    public static String problem(Map<String, Object> manifest) {
        if (!(manifest.get("plan") instanceof List<?> plan)) {
            return "has no 'plan' (the list of trials a resumed run works through)";
        }
        for (int i = 0; i < plan.size(); i++) {
            if (!(plan.get(i) instanceof Map<?, ?> e)) return "has a 'plan' entry " + (i + 1) + " that is not a JSON object";
            for (String k : List.of("number", "workers", "repetition")) {
                if (!(e.get(k) instanceof Number)) return "has a 'plan' entry " + (i + 1) + " without the number '" + k + "'";
            }
            for (String k : List.of("tracer", "workload", "taskFile")) {
                if (!(e.get(k) instanceof String)) return "has a 'plan' entry " + (i + 1) + " without the string '" + k + "'";
            }
        }
        if (!(manifest.get("suiteAsRun") instanceof Map<?, ?> s)) {
            return "has no 'suiteAsRun' (the suite's settings as run)";
        }
        for (String k : List.of("duration", "warmup", "cooldown", "samplingInterval")) {
            try {
                Durations.parse(String.valueOf(s.get(k)));
            } catch (IllegalArgumentException ex) {
                return "has no duration 'suiteAsRun." + k + "' (found " + s.get(k) + ")";
            }
        }
        if (!(manifest.get("seed") instanceof Number)) return "has no number 'seed'";
        if (!(manifest.get("suite") instanceof String)) return "has no string 'suite' (the suite's name)";
        return null;
    }
}
