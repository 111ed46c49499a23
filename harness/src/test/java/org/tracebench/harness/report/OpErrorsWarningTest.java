package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.loadgen.json.Json;

/** The failed-operations warning quotes the first error instead of guessing its cause. */
class OpErrorsWarningTest {
    @TempDir Path tmp;

    @Test
    void theWarningQuotesTheFirstErrorSample() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        for (int rep = 1; rep <= 2; rep++) {
            Path d = trials.next("none", "w", rep);
            Map<String, Object> j = SyntheticTrials.head("none", "w", rep, 5.0);
            j.put("throughputOpsPerSecond", 1000.0);
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("count", 5000);
            op.put("errors", 3);
            op.put("errorSamples", List.of("FileSystemException: /w/f-1: Too many open files"));
            op.put("opsPerSecond", 1000.0);
            op.put("latencyNanos", Map.of("p50", 1000.0, "p99", 2000.0, "mean", 1000.0));
            j.put("ops", Map.of("read", op));
            Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        }
        RunWarning w = Analysis.of(ResultsReader.read(tmp)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.OP_ERRORS).findFirst().orElseThrow();
        assertEquals("6 failed operations; first: read: FileSystemException: /w/f-1: Too many open files", w.detail());
        assertTrue(!WarningKind.OP_ERRORS.fix().contains("paths and permissions"), WarningKind.OP_ERRORS.fix());
    }

    @Test
    void validTrialsWrittenBeforeTheInvalidTrialRuleAreSaidToExceedIt() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        for (int rep = 1; rep <= 2; rep++) {
            Path d = trials.next("none", "w", rep);
            Map<String, Object> j = SyntheticTrials.head("none", "w", rep, 5.0);
            j.put("throughputOpsPerSecond", 1000.0);
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("count", 5000);
            op.put("errors", rep == 1 ? 3 : 11129); // 69.0% of 16129
            op.put("errorSamples", List.of("(warm-up) NoSuchFileException: /w/a", "NoSuchFileException: /w/b"));
            op.put("opsPerSecond", 1000.0);
            op.put("latencyNanos", Map.of("p50", 1000.0, "p99", 2000.0, "mean", 1000.0));
            j.put("ops", Map.of("read", op));
            Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        }
        RunWarning w = Analysis.of(ResultsReader.read(tmp)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.OP_ERRORS).findFirst().orElseThrow();
        assertTrue(w.detail().matches("11132 failed operations; first: read: NoSuchFileException: /w/b; 1 of its 2 valid"
                + " trials \\(the worst, \\S+-r2: 69\\.0%\\) failed more than 1% of their attempted operations and more"
                + " than one per worker, or completed none, which `tracebench run` now marks invalid: these results were"
                + " written before that rule, so they are counted here"), w.detail());
    }
}
