package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Hand-made trial directories for report tests: numbered in creation order, with trial.json's common head. */
final class SyntheticTrials {
    private final Path results;
    private int number;

    SyntheticTrials(Path results) {
        this.results = results;
    }

    /** The next trial's directory, created: {@code 001-<tracer>-<workload>-w1-r<rep>}. */
    Path next(String tracer, String workload, int rep) throws IOException {
        return Files.createDirectories(results.resolve("trials").resolve(
                String.format(Locale.ROOT, "%03d-%s-%s-w1-r%d", ++number, tracer, workload, rep)));
    }

    /** A valid trial's trial.json fields up to its measured seconds, in trial.json's order. */
    static Map<String, Object> head(String tracer, String workload, int rep, double measuredSeconds) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", "ok");
        j.put("tracer", tracer);
        j.put("workload", workload);
        j.put("workers", 1);
        j.put("repetition", rep);
        j.put("measuredSeconds", measuredSeconds);
        return j;
    }
}
