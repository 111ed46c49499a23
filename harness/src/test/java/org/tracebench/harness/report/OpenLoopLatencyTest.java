package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.FigureBuilder;
import org.tracebench.loadgen.json.Json;

/**
 * At a rate (open loop) the ops' latencies are service times; the latency at the rate is the iterations', from their
 * intended start. The audit's strace run: read p99 985 µs in every table while iterations ran 1.2-1.6 s late.
 */
class OpenLoopLatencyTest {
    @TempDir Path tmp;
    private SyntheticTrials trials;

    private SyntheticTrials trials() {
        if (trials == null) trials = new SyntheticTrials(tmp);
        return trials;
    }

    @Test
    void aRatedWorkloadsIterationLatencyReachesSummariesAndReportAndItsOpLatenciesAreCalledServiceTimes() throws Exception {
        for (int r = 1; r <= 2; r++) {
            trial("none", "rated", r, 4000.0, iterations(5_000 + r, 20_000 + r), true);
            trial("strace", "rated", r, 4000.0, iterations(1_230_000_000L + r, 1_560_000_000L + r), true);
            trial("none", "closed", r, null, iterations(5_000, 9_000), true);
        }
        Results res = ResultsReader.read(tmp);
        Analysis a = Analysis.of(res);
        assertEquals(1_230_000_001.0, a.find("strace", "rated", 1).valid().get(0).iterationLatency().p50Nanos());
        assertFalse(a.find("none", "closed", 1).valid().get(0).iterationLatency().known(), "closed loop: not from an intended start");
        String csv = new String(Summaries.csv(res), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",strace,rated,1,1,iteration_latency_p99,1560000001,ns,"), csv);
        assertTrue(csv.contains(",strace,rated,1,2,iteration_latency_max,"), csv);
        assertFalse(csv.contains(",closed,1,1,iteration_latency"), csv);
        assertTrue(csv.startsWith("suite,tracer,workload,workers,repetition,metric,value,unit,trial,block,position\n"), csv);
        String json = new String(Summaries.json(a), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"iteration_latency_p50\""), json);
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Open-loop latency (whole iterations from their intended start"), md);
        assertTrue(md.contains("| strace | rated | 1 | 4000 | 1.23 s | "), md);
        assertTrue(md.contains("| none | rated | 1 | 4000 | 5.00 µs | "), md);
        assertTrue(md.contains("| strace | rated | 1 | read (service time) |"), md);
        assertTrue(md.contains("| none | closed | 1 | read |"), md);
        assertFalse(md.contains("| closed | 1 | 4000"), md);
        assertTrue(md.contains("Where that workload has a rate, its latencies are service times"), md);
    }

    @Test
    void theOpenLoopWarningPointsAtTheIterationLatencyNotTheOpsServiceTimes() throws Exception {
        trial("strace", "rated", 1, 4000.0, iterations(1_230_000_000L, 1_560_000_000L), true);
        List<org.tracebench.harness.stats.RunWarning> open = Analysis.of(ResultsReader.read(tmp)).warnings().stream()
                .filter(w -> w.kind() == org.tracebench.harness.stats.WarningKind.OPEN_LOOP).toList();
        assertEquals(1, open.size());
        assertTrue(open.get(0).fix().contains("iteration latency from the intended start"), open.get(0).fix());
        assertTrue(open.get(0).fix().contains("ops' latencies are service times"), open.get(0).fix());
    }

    @Test
    void theLatencyChartOfARatedWorkloadSaysItShowsServiceTimes() throws Exception {
        trial("strace", "rated", 1, 4000.0, iterations(1_230_000_000L, 1_560_000_000L), true);
        trial("strace", "closed", 1, null, null, true);
        FigureBuilder b = new FigureBuilder(Analysis.of(ResultsReader.read(tmp)), ChartStyle.PAPER);
        String rated = b.latency("rated", 1, null).caption();
        assertTrue(rated.startsWith("Service-time percentile spectrum"), rated);
        assertTrue(rated.contains("not from when the rate meant its iteration to start"), rated);
        String closed = b.latency("closed", 1, null).caption();
        assertTrue(closed.startsWith("Latency percentile spectrum") && !closed.contains("rate"), closed);
    }

    @Test
    void openLoopLatenciesAreWrittenInTheUnitThatFitsThem() {
        assertEquals("0", MarkdownReport.nanos(0));
        assertEquals("950 ns", MarkdownReport.nanos(950));
        assertEquals("110 µs", MarkdownReport.nanos(110_004));
        assertEquals("3.27 ms", MarkdownReport.nanos(3_270_000));
        assertEquals("1.56 s", MarkdownReport.nanos(1_560_281_087));
    }

    @Test
    void aClosedLoopReportHasNoOpenLoopTableNorServiceTimeLabels() throws Exception {
        for (int r = 1; r <= 2; r++) {
            trial("none", "closed", r, null, null, true);
            trial("strace", "closed", r, null, null, true);
        }
        String md = new String(MarkdownReport.render(Analysis.of(ResultsReader.read(tmp)), List.of()), StandardCharsets.UTF_8);
        assertFalse(md.contains("Open-loop latency"), md);
        assertFalse(md.contains("service time"), md);
    }

    @Test
    void aRatedTrialJsonWrittenBeforeTheFieldTakesItFromLoadJson() throws Exception {
        Path d = trial("strace", "rated", 1, 4000.0, null, false);
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("iterations", Map.of("count", 1743, "latencyNanos", iterations(1_231_028_223L, 1_560_281_087L)));
        Files.writeString(d.resolve("load.json"), Json.write(load) + "\n");
        Path none = trial("none", "rated", 1, 4000.0, null, false);
        Files.writeString(none.resolve("load.json"), Json.write(Map.of("iterations", Map.of("count", 0,
                "latencyNanos", iterations(0, 0)))) + "\n");
        Results res = ResultsReader.read(tmp);
        assertEquals(1_560_281_087.0, res.trials().get(0).iterationLatency().p99Nanos());
        assertFalse(res.trials().get(1).iterationLatency().known(), "no iteration counted: unknown, not 0");
    }

    @Test
    void aTracerThatFellFarBehindTheRateHasItsLatencyAsALowerBoundEverywhere() throws Exception {
        // audit3-paper: strace at 20000/s finished none of 40000 iterations; its trial.json (before the fix) said null
        for (int r = 1; r <= 2; r++) {
            trial("none", "rated", r, 20000.0, iterations(80_000, 110_000), true);
            Path d = trial("strace", "rated", r, 20000.0, null, true);
            Files.writeString(d.resolve("load.json"), Json.write(Map.of("rate", 20000.0, "iterations", Map.of("count", 0,
                    "unfinished", 40000, "latencyNanos", iterations(990_000_000L, 1_980_760_063L)))) + "\n");
        }
        Results res = ResultsReader.read(tmp);
        Analysis a = Analysis.of(res);
        Trial.IterationLatency it = a.find("strace", "rated", 1).valid().get(0).iterationLatency();
        assertEquals(1_980_760_063.0, it.p99Nanos());
        assertTrue(it.lowerBound("p99"));
        String csv = new String(Summaries.csv(res), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",strace,rated,1,1,iteration_latency_p99,1980760063,ns,"), csv);
        assertTrue(csv.contains(",strace,rated,1,1,iterations_unfinished,40000,iterations,"), csv);
        assertTrue(csv.contains(",strace,rated,1,1,iteration_latency_p99_lower_bound,1,bool,"), csv);
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| strace | rated | 1 | 20000 | ≥ 990 ms | "), md);
        assertTrue(md.contains(" | ≥ 1.98 s (40000 unfinished) | "), md);
        assertTrue(md.contains("| none | rated | 1 | 20000 | 80 µs | "), "no mark where none was unfinished: " + md);
        assertTrue(md.contains("recorded with the time it had waited by then"), md);
        assertFalse(md.contains("are not counted"), md);
        List<org.tracebench.harness.stats.RunWarning> behind = a.warnings().stream()
                .filter(w -> w.kind() == org.tracebench.harness.stats.WarningKind.ITERATIONS_UNFINISHED).toList();
        assertEquals(1, behind.size(), "strace only: " + behind);
        assertEquals("strace", behind.get(0).tracer());
        assertTrue(behind.get(0).detail().contains("2 of 2 valid trials left more than 1 iteration unfinished, up to 40000,"
                + " at"), behind.get(0).detail());
        assertTrue(behind.get(0).fix().startsWith("lower the task's rate"), behind.get(0).fix());
    }

    @Test
    void upToAnIterationPerWorkerInFlightAtTheEndIsNoBacklogButOneMoreIs() throws Exception {
        unfinishedTrial("strace", 1, 1, 1);
        unfinishedTrial("strace", 2, 1, 2);
        unfinishedTrial("ftrace", 1, 4, 4);
        unfinishedTrial("bpftrace", 1, 4, 5);
        unfinishedTrial("bpftrace", 2, 4, 0);
        List<org.tracebench.harness.stats.RunWarning> behind = Analysis.of(ResultsReader.read(tmp)).warnings().stream()
                .filter(w -> w.kind() == org.tracebench.harness.stats.WarningKind.ITERATIONS_UNFINISHED).toList();
        assertEquals(List.of("strace 1", "bpftrace 4"), behind.stream().map(w -> w.tracer() + " " + w.workers()).toList());
        assertFalse(behind.get(0).detail().contains("baseline"), behind.get(0).detail());
        assertTrue(behind.get(0).detail().startsWith("1 of 2 valid trials left more than 1 iteration unfinished, up to 2,"
                + " at 4000 iterations/s per worker;"), behind.get(0).detail());
        assertTrue(behind.get(1).detail().startsWith("1 of 2 valid trials left more than 4 iterations unfinished, up to 5,"
                + " at "), behind.get(1).detail());
        String md = new String(MarkdownReport.render(Analysis.of(ResultsReader.read(tmp)), List.of()),
                StandardCharsets.UTF_8);
        assertTrue(md.contains("| ftrace | rated | 4 | 4000 | ≥ 5 µs | – | ≥ 20 µs (4 unfinished) | "),
                "in flight: still a lower bound " + md);
    }

    @Test
    void aBaselineThatFellBehindIsSaidToBeBeyondTheMachineNotATracerFallingBehind() throws Exception {
        unfinishedTrial("none", 1, 2, 3);
        unfinishedTrial("strace", 1, 2, 3);
        List<org.tracebench.harness.stats.RunWarning> behind = Analysis.of(ResultsReader.read(tmp)).warnings().stream()
                .filter(w -> w.kind() == org.tracebench.harness.stats.WarningKind.ITERATIONS_UNFINISHED).toList();
        assertEquals(List.of("none", "strace"), behind.stream().map(w -> w.tracer()).sorted().toList());
        String none = behind.stream().filter(w -> w.tracer().equals("none")).findFirst().orElseThrow().detail();
        assertTrue(none.contains("; the baseline (none) could not sustain this rate: it is beyond what the machine and"
                + " the load generator can do, so the tracers' rows of rated at 2 workers are not comparable at it;"
                + " lower the rate"), none);
        String strace = behind.stream().filter(w -> w.tracer().equals("strace")).findFirst().orElseThrow().detail();
        assertFalse(strace.contains("baseline"), strace);
    }

    @Test
    void aPercentileLoadJsonSaysTheUnfinishedCannotMoveIsExact() throws Exception {
        // one iteration per worker in flight among thousands moves no p50: load.json says so, and no ≥ marks it
        for (int r = 1; r <= 2; r++) {
            Path d = unfinishedTrial("ftrace", r, 4, 4);
            Files.writeString(d.resolve("load.json"), Json.write(Map.of("rate", 4000.0, "iterations", Map.of("count",
                    32_000, "unfinished", 4, "latencyNanos", iterations(5_000, 20_000), "latencyNanosLowerBound",
                    Map.of("p50", false, "p90", false, "p99", r == 2, "p999", true, "max", true)))) + "\n");
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| ftrace | rated | 4 | 4000 | 5 µs | "), "p50 exact: " + md);
        assertTrue(md.contains(" | ≥ 20 µs (4 unfinished) | "), "p99 a lower bound in one trial: " + md);
        String tex = new String(OpenLoopTable.render(a).bytes(), StandardCharsets.UTF_8);
        assertTrue(tex.contains("$\\geq$ 20") && !tex.contains("$\\geq$ 5"), tex);
        String csv = new String(Summaries.csv(ResultsReader.read(tmp)), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",ftrace,rated,4,1,iteration_latency_p50_lower_bound,0,bool,"), csv);
        assertTrue(csv.contains(",ftrace,rated,4,1,iteration_latency_p99_lower_bound,0,bool,"), csv);
        assertTrue(csv.contains(",ftrace,rated,4,2,iteration_latency_p99_lower_bound,1,bool,"), csv);
        assertTrue(csv.contains(",ftrace,rated,4,2,iteration_latency_max_lower_bound,1,bool,"), csv);
    }

    /** A rated trial of {@code workers} workers whose trial.json says it left {@code unfinished} iterations. */
    private Path unfinishedTrial(String tracer, int rep, int workers, long unfinished) throws IOException {
        Path d = trial(tracer, "rated", rep, 4000.0, iterations(5_000, 20_000), true);
        Map<String, Object> j = new LinkedHashMap<>(JsonMaps.readObject(d.resolve("trial.json")));
        j.put("workers", workers);
        j.put("iterationsUnfinished", unfinished);
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        return d;
    }

    @Test
    void trialJsonsIterationsUnfinishedIsReadWithoutLoadJson() throws Exception {
        Path d = trial("bpftrace", "rated", 1, 20000.0, iterations(1_000_000, 440_664_063L), true);
        Map<String, Object> j = new LinkedHashMap<>(JsonMaps.readObject(d.resolve("trial.json")));
        j.put("iterationsUnfinished", 8913);
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        Trial t = ResultsReader.read(tmp).trials().get(0);
        assertEquals(8913, t.iterationLatency().unfinished());
        assertEquals(440_664_063.0, t.iterationLatency().p99Nanos());
    }

    private static Map<String, Object> iterations(long p50, long p99) {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", p50);
        lat.put("p90", p99);
        lat.put("p99", p99);
        lat.put("p999", p99 + 1000);
        lat.put("max", p99 + 2000);
        lat.put("mean", p50);
        return lat;
    }

    /** A trial.json with one read op (service time 457 µs); {@code withField}: with {@code iterationLatencyNanos}. */
    private Path trial(String tracer, String workload, int rep, Double rate, Map<String, Object> iterationLatency,
                       boolean withField) throws IOException {
        Path d = trials().next(tracer, workload, rep);
        Map<String, Object> j = SyntheticTrials.head(tracer, workload, rep, 2.0);
        j.put("throughputOpsPerSecond", 1590.0);
        j.put("ratePerWorker", rate);
        if (withField) j.put("iterationLatencyNanos", rate == null ? null : iterationLatency);
        j.put("ops", Map.of("read", Map.of("count", 3181, "errors", 0, "opsPerSecond", 1590.0,
                "latencyNanos", Map.of("p50", 457_000, "p99", 985_000, "mean", 467_000))));
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
        return d;
    }
}
