package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverheadSplitTest {

    private static void block(List<TrialRow> rows, String label, int block, double thrB, long seen, long lost,
                              Map<String, Object> window, double tracerCores, Map<String, Object> baseWindow) {
        rows.add(Rows.tracer("none", block, 1, 1000, 0, 0, -1, 0, baseWindow));
        rows.add(Rows.tracer(label, block, 2, thrB, 1000, seen, lost, tracerCores, window));
        rows.add(Rows.tracer(label, block, 3, thrB, 1000, seen, lost, tracerCores, window));
        rows.add(Rows.tracer("none", block, 4, 1000, 0, 0, -1, 0, baseWindow));
    }

    @Test
    void bpfKernelTimeIsMeasuredAndOthersAreEstimated() {
        List<TrialRow> rows = new ArrayList<>();
        Map<String, Object> bpf = Map.of("windowSeconds", 2.0, "loadSystemCores", 0.5,
                "bpfStats", Map.of("runTimeNs", 100_000_000L, "runCount", 1000L, "cores", 0.05));
        block(rows, "bpftrace[mode=paths]", 1, 500, 1000, 0, bpf, 0.2, Map.of("loadSystemCores", 0.3));
        block(rows, "strace", 2, 250, 1000, 0, Map.of("loadSystemCores", 0.7), 0.5, Map.of("loadSystemCores", 0.3));
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        OverheadSplit b = a.splits().get(0), s = a.splits().get(1);
        assertEquals(0.5, b.throughput().ratio(), 1e-12);
        assertEquals(1000.0, b.extraMicrosPerOp(), 1e-9); // 1/500 − 1/1000 s
        assertEquals(400.0, b.tracerMicrosPerOp(), 1e-9); // 0.2 cores / 500 ops/s
        assertTrue(b.kernelMeasured());
        assertEquals(0.05, b.kernelCores(), 1e-12);
        assertEquals(100_000.0, b.bpfNsPerHit(), 1e-9);
        assertEquals(1.0, b.bpfHitsPerOp(), 1e-9); // 1000 hits / 2 s / 500 ops/s
        assertEquals(1000 - 100.0, b.slowdownBeyondKernelMicrosPerOp(), 1e-9);
        assertFalse(s.kernelMeasured());
        // per op: 0.7 cores / 250 ops/s = 2800 µs against 0.3 / 1000 = 300 µs → 2500 µs/op, 0.625 cores at 250 ops/s
        assertEquals(2500.0, s.kernelMicrosPerOp(), 1e-9);
        assertEquals(0.625, s.kernelCores(), 1e-12);
    }

    @Test
    void theEstimatedKernelTimeRunsOverTheMeasuredWindowWhereTrialsHaveIt(@TempDir Path tmp) throws Exception {
        assertEquals(0.7, TrialRow.read(trial(tmp, "001-strace", "strace", 1, "{\"load\": 0.9, \"loadSystem\": 0.7}",
                "{\"loadSystemCores\": 0.6}")).loadSystemCores(), 1e-12);
        assertTrue(Double.isNaN(TrialRow.read(trial(tmp, "002-strace", "strace", 1, "{\"load\": 0.9}",
                "{\"loadSystemCores\": 0.6}")).loadSystemCores()), "older results: unknown, not the window's");
        List<TrialRow> rows = new ArrayList<>();
        // GO to END the warm-up dilutes the load's system time (0.6, 0.2); over the measured window it is 0.7 and 0.3
        block(rows, "strace", 1, 250, 1000, 0, Map.of("loadSystemCores", 0.6), 0.5, Map.of("loadSystemCores", 0.2));
        OverheadSplit old = FidelityAnalysis.of(rows).splits().get(0);
        assertFalse(old.kernelInWindow(), "older results: GO to END, said so");
        assertEquals(2400 - 200.0, old.kernelMicrosPerOp(), 1e-9);
        assertEquals("GO to END, warm-up included (trial window: loadSystemCores)",
                ((Map<?, ?>) old.toMap().get("kernelOnBehalf")).get("interval"));
        assertTrue(FidelityReport.markdown(FidelityAnalysis.of(rows), List.of()).contains("| estimate (load sys time), GO–END |"));
        rows.replaceAll(r -> Rows.loadSystem(r, r.label().equals("none") ? 0.3 : 0.7));
        OverheadSplit s = FidelityAnalysis.of(rows).splits().get(0);
        assertTrue(s.kernelInWindow());
        assertEquals(2500.0, s.kernelMicrosPerOp(), 1e-9); // 0.7 / 250 − 0.3 / 1000 s, as the throughput's window
        assertEquals(0.625, s.kernelCores(), 1e-12);
        assertEquals("measured window, warm-up excluded (sampler: cpuCores.loadSystem)",
                ((Map<?, ?>) s.toMap().get("kernelOnBehalf")).get("interval"));
        assertTrue(FidelityReport.markdown(FidelityAnalysis.of(rows), List.of()).contains("| estimate (load sys time) |"));
        rows.set(0, Rows.loadSystem(rows.get(0), Double.NaN)); // one baseline without it: all from GO to END
        assertFalse(FidelityAnalysis.of(rows).splits().get(0).kernelInWindow());
    }

    @Test
    void cheapestCompleteSkipsIncompleteAndLossyConfigurations() {
        List<TrialRow> rows = new ArrayList<>();
        Map<String, Object> w = Map.of("loadSystemCores", 0.3);
        block(rows, "bpftrace[mode=counts]", 1, 990, 500, 0, w, 0.01, w);  // cheapest but misses half
        block(rows, "bpftrace[perfRbPages=1]", 2, 900, 1000, 7, w, 0.02, w); // lost events
        block(rows, "bpftrace[perfRbPages=64]", 3, 800, 1000, 0, w, 0.05, w);
        block(rows, "bpftrace[perfRbPages=256]", 4, 700, 1000, 0, w, 0.05, w);
        block(rows, "ftrace", 5, 900, 10, 0, w, 0.05, w);
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        assertEquals(2, a.cheapest().size());
        FidelityAnalysis.Cheapest bpf = a.cheapest().get(0);
        assertEquals("bpftrace", bpf.backend());
        assertEquals("bpftrace[perfRbPages=64]", bpf.chosen().label());
        assertEquals(4, bpf.candidates().size());
        assertNull(a.cheapest().get(1).chosen(), "ftrace saw 1%: nothing is complete");
        assertTrue(FidelityReport.markdown(a, List.of()).contains("**ftrace** on w w1: no configuration was complete"));
    }

    @Test
    void aLargeSlowdownKeepsThreeSignificantDigits() {
        List<TrialRow> rows = new ArrayList<>();
        Map<String, Object> w = Map.of("loadSystemCores", 0.3);
        block(rows, "strace", 1, 8.29, 1000, 0, w, 0.5, w); // 121× slower, which "0.008" would have made 125×
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        assertEquals(0.00829, a.splits().get(0).throughput().ratio(), 1e-12);
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("| strace | w w1 | 2 | 0.00829 [0.00829, 0.00829] |"), md);
    }

    @Test
    void aCountedShareIsNeverCalledCompleteAndPrintsItsUpperBound() {
        List<TrialRow> rows = new ArrayList<>();
        Map<String, Object> w = Map.of("loadSystemCores", 0.3);
        block(rows, "bpftrace[mode=counts]", 1, 990, 1000, 0, w, 0.01, w);  // cheapest, 100% counted
        block(rows, "bpftrace[mode=paths]", 2, 800, 1000, 0, w, 0.05, w);   // 100% matched
        rows.replaceAll(r -> r.label().equals("bpftrace[mode=counts]") ? Rows.counted(r, "read") : r);
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        FidelityAnalysis.Cheapest bpf = a.cheapest().get(0);
        assertEquals("bpftrace[mode=paths]", bpf.chosen().label(), "a matched share before a cheaper upper bound");
        assertFalse(bpf.upperBound());
        assertEquals(Boolean.FALSE, bpf.candidates().get(0).get("complete"));
        assertEquals(Boolean.TRUE, bpf.candidates().get(0).get("completeAsUpperBound"));
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("bpftrace[mode=counts] complete only as an upper bound (counted, not matched), 20.20 µs/op, seen ≤ 100.0%"), md);
        assertTrue(md.contains("bpftrace[mode=paths] complete, 312.50 µs/op, seen 100.0%"), md);
        // counts mode alone: the cheapest, and named an upper bound, never plainly complete
        rows.removeIf(r -> r.label().equals("bpftrace[mode=paths]") || r.block() == 2);
        FidelityAnalysis only = FidelityAnalysis.of(rows);
        assertEquals("bpftrace[mode=counts]", only.cheapest().get(0).chosen().label());
        assertTrue(only.cheapest().get(0).upperBound());
        String one = FidelityReport.markdown(only, List.of());
        assertTrue(one.contains("`bpftrace[mode=counts]` (20.20 µs/op; complete only as an upper bound: counted, not matched)"), one);
    }

    @Test
    void theTracerCpuTotalAndItsPartsComeFromTheMeasuredWindowNotTheWindowWithItsWarmUp(@TempDir Path tmp) throws Exception {
        // trial 014 of an audited run: the tracer (bpftrace counts) took CPU in the warm-up only, so the sampler's
        // measured window says 0 while the window probe, GO to END, said 0.026 user and 0.026 system
        Path none = trial(tmp, "001-none", "none", 1, "{\"tracer\": 0.0}", "{}");
        Path counts = trial(tmp, "002-bpftrace", "bpftrace[mode=counts]", 2,
                "{\"tracer\": 0.0, \"tracerUser\": 0.0, \"tracerSystem\": 0.0}",
                "{\"tracerUserCores\": 0.02589, \"tracerSystemCores\": 0.02589}");
        Path strace = trial(tmp, "003-strace", "strace", 3, "{\"tracer\": 0.765, \"tracerUser\": 0.271, \"tracerSystem\": 0.494}",
                "{\"tracerUserCores\": 0.18, \"tracerSystemCores\": 0.494}");
        List<TrialRow> rows = new ArrayList<>();
        for (int b = 1; b <= 2; b++) {
            for (Path p : List.of(counts, strace)) {
                TrialRow t = TrialRow.read(p), n = TrialRow.read(none);
                rows.add(at(n, b + (p == strace ? 2 : 0), 1));
                rows.add(at(t, b + (p == strace ? 2 : 0), 2));
            }
        }
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        OverheadSplit c = a.splits().get(0), s = a.splits().get(1);
        assertEquals(0.0, c.tracerUserCores(), 1e-12);
        assertEquals(0.0, c.tracerSystemCores(), 1e-12);
        assertEquals(s.tracerCores(), s.tracerUserCores() + s.tracerSystemCores(), 1e-12);
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("| 0.000 = 0.000 + 0.000 |") && md.contains("| 0.765 = 0.271 + 0.494 |"), md);
        // results written before the sampler split the tracer's CPU: the total alone, no parts from another interval
        Path old = trial(tmp, "004-strace", "strace", 3, "{\"tracer\": 0.765}", "{\"tracerUserCores\": 0.18, \"tracerSystemCores\": 0.494}");
        assertTrue(Double.isNaN(TrialRow.read(old).tracerUserCores()));
        rows.replaceAll(r -> r.label().equals("strace") ? at(TrialRow.read(old), r.block(), r.position()) : r);
        assertTrue(FidelityReport.markdown(FidelityAnalysis.of(rows), List.of()).contains("| 0.765 | "), "old results: no parts");
    }

    /** A trial directory with a trial.json of {@code tracer} whose cpuCores and window are the given JSON objects. */
    private static Path trial(Path tmp, String name, String tracer, double throughput, String cpuCores, String window) throws Exception {
        Path d = java.nio.file.Files.createDirectories(tmp.resolve(name));
        java.nio.file.Files.writeString(d.resolve("trial.json"), "{\"status\": \"ok\", \"tracer\": \"" + tracer
                + "\", \"workload\": \"w\", \"workers\": 1, \"throughputOpsPerSecond\": " + throughput * 1000
                + ", \"cpuCores\": " + cpuCores + ", \"window\": " + window + "}\n");
        return d;
    }

    /** {@code r} placed at {@code position} of ABBA block {@code block}. */
    private static TrialRow at(TrialRow r, int block, int position) {
        return Rows.row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), 1, r.offered(),
                block, position, "pair", r.throughput(), r.achievedIterations(), r.iterP50Nanos(), r.iterP99Nanos(),
                r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), r.ratePerWorker(),
                r.iterUnfinished(), r.loadSystemCores());
    }

    @Test
    void anOpenLoopThatKeepsUpHasNoSlowdownVerdictAndIsCostedByKernelAndTracerCpu() {
        List<TrialRow> rows = new ArrayList<>();
        block(rows, "ftrace", 1, 1000, 1000, 0, Map.of("loadSystemCores", 0.5), 0.2, Map.of("loadSystemCores", 0.3));
        rows.replaceAll(r -> Rows.rated(r, 1000, r.label().equals("none") ? 2000 : 3000));
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        OverheadSplit s = a.splits().get(0);
        assertTrue(s.openLoop());
        assertEquals(1.0, s.throughput().ratio(), 1e-12, "the rate fixed the throughput");
        assertTrue(Double.isNaN(s.extraMicrosPerOp()), "not 0 µs/op: not applicable at a fixed rate");
        assertEquals(200.0 + 200.0, s.costMicrosPerOp(), 1e-9); // (c) 0.5/1000 − 0.3/1000 s + (b) 0.2/1000 s
        assertEquals(400.0, a.cheapest().get(0).chosen().costMicrosPerOp(), 1e-9);
        double[] bar = FidelityCharts.segments(s);
        assertEquals(s.costMicrosPerOp(), bar[0] + bar[1] + bar[2], 1e-9);
        String md = FidelityReport.markdown(a, List.of());
        assertTrue(md.contains("| n/a† | 1.50× | n/a† |") && md.contains("† Open loop at a fixed rate"), md);
        assertFalse(md.contains("| 0.0% |"), md);
        assertEquals(true, ((Map<?, ?>) s.toMap().get("workloadSlowdown")).get("openLoop"));
    }
}
