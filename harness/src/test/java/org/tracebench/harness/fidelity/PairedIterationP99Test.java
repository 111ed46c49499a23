package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

/**
 * audit3-paper: strace at 20000/s finished no iteration (40000 unfinished, ~2 s waited), and its paired p99 ratio read
 * "—" while bpftrace's, which kept up better, read 4299×; a tracer falling further behind must not look better.
 */
class PairedIterationP99Test {
    @TempDir Path tmp;

    @Test
    void aTracerThatFinishedNoIterationGetsALowerBoundRatioNotNone() throws Exception {
        trial(1, "none", 1, 40000, 0, 100_000);
        trial(2, "strace", 2, 0, 40000, 1_980_760_063L);
        trial(3, "strace", 3, 0, 40000, 1_980_760_063L);
        trial(4, "none", 4, 40000, 0, 100_000);
        FidelityAnalysis a = FidelityAnalysis.of(tmp);
        assertEquals(19807.6, a.splits().get(0).p99().ratio(), 0.01);
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("| strace | rated w1 | 2 | 1 [1, 1] | n/a† | ≥ 19807.60× |"), md);
        assertTrue(md.contains("| iteration p99 ratio |"), "an iteration's p99, not an op's: " + md);
        assertTrue(md.contains("not an operation's p99"), md);
    }

    @Test
    void aTracerThatKeptUpHasAPlainRatio() throws Exception {
        trial(1, "none", 1, 40000, 0, 100_000);
        trial(2, "ftrace", 2, 40000, 0, 150_000);
        trial(3, "ftrace", 3, 40000, 0, 150_000);
        trial(4, "none", 4, 40000, 0, 100_000);
        String md = FidelityReport.markdown(FidelityAnalysis.of(tmp), List.of());
        assertTrue(md.contains("| 1.50× |"), md);
    }

    @Test
    void fidelityJsonFlagsTheLowerBoundP99RatiosOfATracerAndOfAnAaCheckThatFellBehind() throws Exception {
        trial(1, "none", 1, 40000, 0, 100_000);
        trial(2, "strace", 2, 0, 40000, 1_980_760_063L);
        trial(3, "strace", 3, 0, 40000, 1_980_760_063L);
        trial(4, "none", 4, 40000, 0, 100_000);
        trial(5, "none", 1, 40000, 0, 100_000, 2, "aa");
        trial(6, "none[A/A]", 2, 39000, 1000, 300_000, 2, "aa");
        trial(7, "none[A/A]", 3, 40000, 0, 100_000, 2, "aa");
        trial(8, "none", 4, 40000, 0, 100_000, 2, "aa");
        Map<?, ?> json = FidelityAnalysis.of(tmp).toMap();
        Map<?, ?> paired = (Map<?, ?>) json.get("paired");
        assertEquals(true, p99(((List<?>) paired.get("configurations")).get(0), "iterationP99Ratio").get("lowerBound"));
        assertEquals(true, p99(((List<?>) paired.get("aaChecks")).get(0), "iterationP99").get("lowerBound"));
        Map<?, ?> split = (Map<?, ?>) ((Map<?, ?>) ((List<?>) json.get("overheadSplit")).get(0)).get("workloadSlowdown");
        assertEquals(true, p99(split, "iterationP99Ratio").get("lowerBound"));
    }

    @Test
    void aTracerThatKeptUpHasNoLowerBoundInFidelityJson() throws Exception {
        trial(1, "none", 1, 40000, 0, 100_000);
        trial(2, "ftrace", 2, 40000, 0, 150_000);
        trial(3, "ftrace", 3, 40000, 0, 150_000);
        trial(4, "none", 4, 40000, 0, 100_000);
        Map<?, ?> paired = (Map<?, ?>) FidelityAnalysis.of(tmp).toMap().get("paired");
        assertEquals(false, p99(((List<?>) paired.get("configurations")).get(0), "iterationP99Ratio").get("lowerBound"));
    }

    /** audit7-fid r3: ftrace's p99 ratio read "≥ 1.15×" while its baselines' p99 were lower bounds too. */
    @Test
    void aRatioWhoseTracerAndBaselinesHaveLowerBoundP99IsBoundedNeitherWay() throws Exception {
        trial(1, "none", 1, 40000, 1, 100_000, P99_BOUND);
        trial(2, "ftrace", 2, 40000, 4, 150_000, P99_BOUND);
        trial(3, "ftrace", 3, 40000, 0, 150_000, null);
        trial(4, "none", 4, 40000, 0, 100_000, null);
        FidelityAnalysis a = FidelityAnalysis.of(tmp);
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("| ~ 1.50× |"), md);
        assertTrue(md.contains("~ both (bounded neither way)"), md);
        Map<?, ?> ratio = p99(((List<?>) ((Map<?, ?>) a.toMap().get("paired")).get("configurations")).get(0), "iterationP99Ratio");
        assertEquals(false, ratio.get("lowerBound"));
        assertEquals("neither", ratio.get("bound"));
    }

    @Test
    void aRatioWhoseBaselinesAloneHaveLowerBoundP99IsAnUpperBound() throws Exception {
        trial(1, "none", 1, 40000, 1, 100_000, P99_BOUND);
        trial(2, "ftrace", 2, 40000, 1, 150_000, Map.of("p50", false, "p99", false, "max", true));
        trial(3, "ftrace", 3, 40000, 0, 150_000, null);
        trial(4, "none", 4, 40000, 0, 100_000, null);
        FidelityAnalysis a = FidelityAnalysis.of(tmp);
        assertTrue(FidelityReport.markdown(a, List.of()).contains("| ≤ 1.50× |"));
        Map<?, ?> split = (Map<?, ?>) ((Map<?, ?>) ((List<?>) a.toMap().get("overheadSplit")).get(0)).get("workloadSlowdown");
        assertEquals("upper", p99(split, "iterationP99Ratio").get("bound"));
    }

    @Test
    void aBaselineWithAnIterationInFlightThatCannotMoveItsP99LeavesTheTracersLowerBound() throws Exception {
        trial(1, "none", 1, 40000, 1, 100_000, Map.of("p50", false, "p99", false, "max", true));
        trial(2, "ftrace", 2, 40000, 4, 150_000, P99_BOUND);
        trial(3, "ftrace", 3, 40000, 0, 150_000, null);
        trial(4, "none", 4, 40000, 0, 100_000, null);
        FidelityAnalysis a = FidelityAnalysis.of(tmp);
        assertTrue(FidelityReport.markdown(a, List.of()).contains("| ≥ 1.50× |"));
        Map<?, ?> ratio = p99(((List<?>) ((Map<?, ?>) a.toMap().get("paired")).get("configurations")).get(0), "iterationP99Ratio");
        assertEquals(true, ratio.get("lowerBound"));
        assertEquals("lower", ratio.get("bound"));
    }

    /** load.json's lower-bound flags of a trial whose unfinished iterations could raise its p99. */
    private static final Map<String, Boolean> P99_BOUND = Map.of("p50", false, "p99", true, "max", true);

    private static Map<?, ?> p99(Object parent, String key) {
        return (Map<?, ?>) ((Map<?, ?>) parent).get(key);
    }

    private void trial(int n, String tracer, int position, long count, long unfinished, long p99) throws Exception {
        trial(n, tracer, position, count, unfinished, p99, 1, "pair", null);
    }

    private void trial(int n, String tracer, int position, long count, long unfinished, long p99, Map<String, Boolean> bounds)
            throws Exception {
        trial(n, tracer, position, count, unfinished, p99, 1, "pair", bounds);
    }

    private void trial(int n, String tracer, int position, long count, long unfinished, long p99, int block, String role)
            throws Exception {
        trial(n, tracer, position, count, unfinished, p99, block, role, null);
    }

    /** {@code bounds}: load.json's iterations.latencyNanosLowerBound; null leaves it out (results before it). */
    private void trial(int n, String tracer, int position, long count, long unfinished, long p99, int block, String role,
                       Map<String, Boolean> bounds) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("trials").resolve(String.format("%03d-%s-rated-w1-r1", n, tracer.replaceAll("[^a-z]", ""))));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", "ok");
        j.put("tracer", tracer);
        j.put("backend", tracer);
        j.put("workload", "rated");
        j.put("workers", 1);
        j.put("repetition", 1);
        j.put("throughputOpsPerSecond", 40000.0);
        j.put("ratePerWorker", 20000.0);
        j.put("placement", Map.of("block", block, "position", position, "role", role));
        j.put("cpuCores", Map.of("tracer", 0.4));
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        Map<String, Object> it = new LinkedHashMap<>();
        it.put("count", count);
        it.put("latencyNanos", Map.of("p50", p99 / 2, "p99", p99));
        it.put("failed", 0);
        it.put("unfinished", unfinished);
        if (bounds != null) it.put("latencyNanosLowerBound", bounds);
        Files.writeString(d.resolve("load.json"), Json.write(Map.of("rate", 20000.0, "iterations", it)) + "\n");
    }
}
