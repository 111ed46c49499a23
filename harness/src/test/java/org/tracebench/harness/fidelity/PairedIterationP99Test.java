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

    private static Map<?, ?> p99(Object parent, String key) {
        return (Map<?, ?>) ((Map<?, ?>) parent).get(key);
    }

    private void trial(int n, String tracer, int position, long count, long unfinished, long p99) throws Exception {
        trial(n, tracer, position, count, unfinished, p99, 1, "pair");
    }

    private void trial(int n, String tracer, int position, long count, long unfinished, long p99, int block, String role)
            throws Exception {
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
        Files.writeString(d.resolve("load.json"), Json.write(Map.of("rate", 20000.0, "iterations", it)) + "\n");
    }
}
