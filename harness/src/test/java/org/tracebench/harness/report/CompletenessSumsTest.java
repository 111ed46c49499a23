package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

/**
 * report.md's completeness table says what its numbers are: performed and seen summed over the n valid trials it
 * names, seen % the mean of the trials' own shares (as completeness.tex's), which a reader can tell from seen ÷ performed.
 */
class CompletenessSumsTest {
    @TempDir Path tmp;

    @Test
    void performedAndSeenAreSumsOverTheNamedTrialsAndSeenIsTheMeanOfTheirShares() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        // a short trial sees all 100 reads, a long one half of 300: shares 100% and 50%, mean 75%; summed 250/400 = 62.5%
        trial(trials, "none", 1, 0, 0);
        trial(trials, "strace", 1, 100, 100);
        trial(trials, "none", 2, 0, 0);
        trial(trials, "strace", 2, 300, 150);
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Completeness (performed, seen: sums over the n valid trials; seen %, paths: means of "
                + "the trials' shares)"), md);
        assertTrue(md.contains("| tracer | workload | workers | op | n | performed | seen | seen % | paths |"), md);
        assertTrue(md.contains("| strace | w | 1 | read | 2 | 400 | 250 | 75.0% | 100.0% |"), md);
        assertTrue(md.contains("seen % = the mean over the n trials of each trial's seen / performed"), md);
        assertTrue(!md.contains("seen % = seen / performed"), "the old legend, which the numbers contradict: " + md);
        String tex = new String(LatexTables.render(a).get(1).bytes(), StandardCharsets.UTF_8).replace("\n%   ", " ");
        assertTrue(tex.contains("mean over the valid trials") && tex.lines().anyMatch(l -> l.startsWith("read ")
                && l.contains("& 75.0 ")), "completeness.tex gives the same mean: " + tex);
    }

    private static void trial(SyntheticTrials trials, String tracer, int rep, long performed, long seen) throws IOException {
        Path d = trials.next(tracer, "w", rep);
        Map<String, Object> j = SyntheticTrials.head(tracer, "w", rep, 5.0);
        j.put("throughputOpsPerSecond", 1000.0);
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("count", 5000);
        op.put("errors", 0);
        op.put("opsPerSecond", 1000.0);
        op.put("latencyNanos", Map.of("p50", 1000.0, "p99", 2000.0, "mean", 1000.0));
        j.put("ops", Map.of("read", op));
        if (!"none".equals(tracer)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("performed", performed);
            c.put("seen", seen);
            c.put("ratio", (double) seen / performed);
            c.put("pathRecall", 1.0);
            c.put("observable", true);
            j.put("completeness", Map.of("read", c));
        }
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
