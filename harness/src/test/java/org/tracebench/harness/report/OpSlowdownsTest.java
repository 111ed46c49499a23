package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

class OpSlowdownsTest {
    @TempDir Path tmp;
    private SyntheticTrials trials;

    private SyntheticTrials trials() {
        if (trials == null) trials = new SyntheticTrials(tmp);
        return trials;
    }
    private Double rate;
    private boolean sweepLevel;

    @Test
    void inAMixedWorkloadEachKindGetsItsOwnSlowdownFromLatencyThoughTheirThroughputsFallTogether() throws Exception {
        // One iteration = one stat + one fork: both kinds run at the iteration's rate, 2.0× slower under the tracer,
        // while the tracer made stat 10× slower (4 -> 40 µs) and fork barely (2000 -> 2100 µs).
        for (int r = 1; r <= 2; r++) {
            trial("none", "mixed", r, Map.of("stat", op(500, 4_000 + r), "fork", op(500, 2_000_000 + r)));
            trial("strace", "mixed", r, Map.of("stat", op(250, 40_000 + r), "fork", op(250, 2_100_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        Map<String, OpSlowdowns.Slowdown> s = OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace");
        assertEquals(10.0, s.get("stat").factor(), 0.01);
        assertEquals(1.05, s.get("fork").factor(), 0.01);
        assertFalse(s.get("stat").alone());
        assertEquals("mixed", s.get("stat").workload());
        assertTrue(s.get("stat").ci95Low() <= 10.0 && 10.0 <= s.get("stat").ci95High(), s.get("stat").toString());
        assertFalse(OpSlowdowns.byTracer(OpSlowdowns.all(a)).containsKey("none"));
    }

    @Test
    void aWorkloadDoingOnlyThatKindIsPreferredOverAMixedOneAndATracerWithoutItsBaselineHasNone() throws Exception {
        for (int r = 1; r <= 2; r++) {
            trial("none", "mixed", r, Map.of("stat", op(500, 4_000 + r), "fork", op(500, 2_000_000 + r)));
            trial("strace", "mixed", r, Map.of("stat", op(250, 40_000 + r), "fork", op(250, 2_100_000 + r)));
            trial("none", "stat-only", r, Map.of("stat", op(200_000, 3_000 + r)));
            trial("strace", "stat-only", r, Map.of("stat", op(12_500, 48_000 + r)));
            trial("fatrace", "fork-only", r, Map.of("fork", op(400, 2_500_000 + r))); // no none on fork-only
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        Map<String, OpSlowdowns.Slowdown> s = OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace");
        assertEquals(16.0, s.get("stat").factor(), 0.01, "from stat-only, not mixed's 10×");
        assertTrue(s.get("stat").alone());
        assertEquals("stat-only", s.get("stat").workload());
        assertEquals(1.05, s.get("fork").factor(), 0.01, "fork only from mixed");
        assertFalse(OpSlowdowns.byTracer(OpSlowdowns.all(a)).containsKey("fatrace"), "fatrace has no baseline on fork-only");
        assertEquals(List.of("stat", "fork"), OpSlowdowns.ops(OpSlowdowns.all(a)));
        assertNotEquals(-1, new String(Summaries.json(a), java.nio.charset.StandardCharsets.UTF_8)
                .indexOf("\"onlyOpOfWorkload\": true"));
    }

    @Test
    void atAFixedRateThroughputHidesTheCostLatencyShowsItAndTheRunSaysSo() throws Exception {
        rate = 100.0;
        for (int r = 1; r <= 2; r++) {
            trial("none", "rated", r, Map.of("stat", op(100, 4_000 + r)));
            trial("strace", "rated", r, Map.of("stat", op(100, 24_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        assertEquals(1.0, a.find("strace", "rated", 1).throughputVsNone().ratio(), 1e-9);
        assertEquals(6.0, OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace").get("stat").factor(), 0.01);
        List<org.tracebench.harness.stats.RunWarning> open = a.warnings().stream()
                .filter(w -> w.kind() == org.tracebench.harness.stats.WarningKind.OPEN_LOOP).toList();
        assertEquals(1, open.size(), a.warnings().toString());
        assertTrue(open.get(0).message().contains("rated at 100 iterations/s per worker"), open.get(0).message());
        assertEquals(100.0, a.find("strace", "rated", 1).valid().get(0).ratePerWorker());
    }

    @Test
    void aRateSweepsLevelsAreOpenLoopByDesignAndGetNoWarning() throws Exception {
        rate = 100.0;
        sweepLevel = true;
        for (int r = 1; r <= 2; r++) {
            trial("none", "swept", r, Map.of("stat", op(100, 4_000 + r)));
            trial("strace", "swept", r, Map.of("stat", op(100, 24_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        assertNoOpenLoopWarning(a);
        assertEquals(6.0, OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace").get("stat").factor(), 0.01);
    }

    @Test
    void aClosedLoopRunHasNoOpenLoopWarning() throws Exception {
        for (int r = 1; r <= 2; r++) {
            trial("none", "closed", r, Map.of("stat", op(100, 4_000 + r)));
            trial("strace", "closed", r, Map.of("stat", op(50, 8_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        assertNoOpenLoopWarning(a);
        assertTrue(Double.isNaN(a.find("strace", "closed", 1).valid().get(0).ratePerWorker()));
    }

    private static void assertNoOpenLoopWarning(Analysis a) {
        assertTrue(a.warnings().stream().noneMatch(w -> w.kind() == org.tracebench.harness.stats.WarningKind.OPEN_LOOP),
                a.warnings().toString());
    }

    private static Map<String, Object> op(double opsPerSecond, double meanNanos) {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", meanNanos);
        lat.put("p99", meanNanos * 2);
        lat.put("mean", meanNanos);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", Math.round(opsPerSecond * 5));
        o.put("errors", 0);
        o.put("opsPerSecond", opsPerSecond);
        o.put("latencyNanos", lat);
        return o;
    }

    private void trial(String tracer, String workload, int rep, Map<String, Object> ops) throws IOException {
        Path d = trials().next(tracer, workload, rep);
        Map<String, Object> j = SyntheticTrials.head(tracer, workload, rep, 5.0);
        j.put("throughputOpsPerSecond", ops.values().stream()
                .mapToDouble(o -> ((Number) ((Map<?, ?>) o).get("opsPerSecond")).doubleValue()).sum());
        j.put("ops", new java.util.TreeMap<>(ops).descendingMap());
        j.put("ratePerWorker", rate);
        if (sweepLevel) j.put("placement", Map.of("offeredRatePerSecond", rate));
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
