package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * audit3-paper: overhead.tex listed a rated ftrace as ×1.00 [1.00, 1.00] with no word that the rate fixed its
 * throughput, and no LaTeX table had the open-loop latency (strace's ≥ 1.98 s among them).
 */
class OpenLoopTableTest {
    @TempDir Path tmp;

    @Test
    void ratedRowsGetADaggerAndTheirLatencyATableOfItsOwnWithLowerBoundsMarked() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        for (int r = 1; r <= 2; r++) {
            trial(trials, "none", "rated", r, 20000.0, 80_000, 110_000, 0);
            trial(trials, "strace", "rated", r, 20000.0, 990_000_000L, 1_980_760_063L, 40000);
            trial(trials, "none", "closed", r, null, 0, 0, 0);
            trial(trials, "strace", "closed", r, null, 0, 0, 0);
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (LatexTables.Table t : LatexTables.render(Analysis.of(ResultsReader.read(tmp)))) {
            tables.put(t.fileName(), new String(t.bytes(), StandardCharsets.UTF_8));
        }
        String overhead = tables.get("overhead.tex");
        assertTrue(overhead.contains("\nstrace$^\\dagger$ "), overhead);
        assertTrue(overhead.contains("\nnone$^\\dagger$ "), overhead);
        assertEquals(3, overhead.split("\\$\\^\\\\dagger\\$", -1).length - 1, "two rated rows and the caption's note: " + overhead);
        assertTrue(overhead.contains("says nothing about"), overhead);
        String open = tables.get("openloop.tex");
        assertTrue(open != null, tables.keySet().toString());
        assertTrue(open.contains("$\\geq$ 1.98 s"), open);
        assertTrue(open.contains("$\\geq$ 990 ms"), open);
        assertTrue(open.contains("40000"), open);
        assertTrue(open.contains("80 \\textmu{}s"), open);
        assertFalse(open.contains("closed"), "closed loop has no intended start: " + open);
        assertTrue(open.contains("\\toprule") && !open.contains("\\hline") && !open.contains("|"), open);
    }

    @Test
    void aClosedLoopRunHasNeitherDaggerNorOpenLoopTable() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        trial(trials, "none", "closed", 1, null, 0, 0, 0);
        trial(trials, "strace", "closed", 1, null, 0, 0, 0);
        List<LatexTables.Table> t = LatexTables.render(Analysis.of(ResultsReader.read(tmp)));
        assertTrue(t.stream().noneMatch(x -> x.fileName().equals("openloop.tex")));
        assertFalse(new String(t.get(0).bytes(), StandardCharsets.UTF_8).contains("dagger"));
    }

    private static void trial(SyntheticTrials trials, String tracer, String workload, int rep, Double rate, long p50,
                              long p99, long unfinished) throws Exception {
        Path d = trials.next(tracer, workload, rep);
        Map<String, Object> j = SyntheticTrials.head(tracer, workload, rep, 2.0);
        j.put("throughputOpsPerSecond", rate == null ? 1590.0 + rep : 40000.0);
        j.put("ratePerWorker", rate);
        j.put("iterationLatencyNanos", rate == null ? null : Map.of("p50", p50, "p99", p99, "p999", p99, "max", p99));
        j.put("iterationsUnfinished", rate == null ? null : unfinished);
        j.put("ops", Map.of("read", Map.of("count", 3181, "errors", 0, "opsPerSecond", 1590.0,
                "latencyNanos", Map.of("p50", 457_000, "p99", 985_000, "mean", 467_000))));
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
