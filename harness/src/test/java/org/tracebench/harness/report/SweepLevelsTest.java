package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.tracebench.harness.charts.Figure;
import org.tracebench.harness.charts.FigureBuilder;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.loadgen.json.Json;

/** A rate sweep's levels: no × none (their throughput is the rate), and no iterations-unfinished warning. */
class SweepLevelsTest {
    @TempDir Path tmp;

    private Analysis analysis() throws IOException {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        for (int r = 1; r <= 2; r++) { // a closed loop: its × none stays
            trial(trials, "none", "mix", r, 1000, null, 0);
            trial(trials, "strace", "mix", r, 400, null, 0);
        }
        trial(trials, "none", "mix@64000/s", 1, 64000, 64000.0, 0);
        trial(trials, "strace", "mix@64000/s", 1, 8917, 64000.0, 96000); // saturated: 13.9%, far behind
        return Analysis.of(ResultsReader.read(tmp));
    }

    @Test
    void aSweepLevelHasNoThroughputRatioAnywhereTheComparisonIsShown() throws Exception {
        Analysis a = analysis();
        assertNotNull(a.find("strace", "mix", 1).throughputVsNone());
        assertTrue(a.find("strace", "mix@64000/s", 1).sweepLevel());
        assertNull(a.find("strace", "mix@64000/s", 1).throughputVsNone(), "13.9% of the rate is no 0.139 × none");
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| strace | mix@64000/s | 1 | 1 | 8917 | – | – | – | – | – |"), md);
        assertTrue(md.contains(MarkdownReport.SWEEP_LEVELS), md);
        String tex = new String(LatexTables.render(a).get(0).bytes(), StandardCharsets.UTF_8);
        assertTrue(tex.contains("A rate sweep's levels (workload@$R$/s) have no") && tex.contains("strace & 1   & 8917  & --       & --"), tex);
        List<Figure> figs = new FigureBuilder(a, ChartStyle.PAPER).all(false);
        Figure thr = figs.stream().filter(f -> f.name().equals("throughput")).findFirst().orElseThrow();
        assertEquals(List.of("mix"), ((org.knowm.xchart.CategoryChart) thr.chart()).getSeriesMap().values().iterator().next()
                .getXData().stream().map(String::valueOf).toList(), "no category for a sweep level");
        assertTrue(figs.stream().noneMatch(f -> f.name().startsWith("overhead-vs-completeness-")), "one group compared: one figure");
    }

    @Test
    void reportOrdersASweepsLevelsByRateNotAsText() throws Exception {
        SyntheticTrials trials = new SyntheticTrials(tmp);
        trial(trials, "none", "mix", 1, 1000, null, 0);
        for (int rate : new int[] {16000, 2000, 250, 1000}) trial(trials, "none", "mix@" + rate + "/s", 1, rate, (double) rate, 0);
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        List<String> expected = List.of("mix", "mix@250/s", "mix@1000/s", "mix@2000/s", "mix@16000/s");
        assertEquals(expected, a.configs().stream().map(c -> c.config().workload()).toList());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.indexOf("| mix@250/s |") < md.indexOf("| mix@1000/s |")
                && md.indexOf("| mix@2000/s |") < md.indexOf("| mix@16000/s |"), md);
        String json = new String(Summaries.json(a), StandardCharsets.UTF_8);
        assertTrue(json.indexOf("mix@250/s") < json.indexOf("mix@1000/s") && json.indexOf("mix@2000/s") < json.indexOf("mix@16000/s"), json);
    }

    @Test
    void aSweepLevelThatFellBehindGetsNoIterationsUnfinishedWarning() throws Exception {
        Analysis a = analysis();
        assertEquals(96000, OpenLoopBacklog.unfinished(a.find("strace", "mix@64000/s", 1)), "the level did fall behind");
        assertTrue(a.warnings().stream().noneMatch(w -> w.kind() == WarningKind.ITERATIONS_UNFINISHED), a.warnings().toString());
    }

    @Test
    void theFootnoteNamesFiellersRatioWhereSomeTracerRanOutsidePairedBlocks() throws Exception {
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        Path src = dir.resolve("trials/007-bpftrace-mini-w1-r1"), dst = Files.createDirectories(dir.resolve("trials/009-strace-mini-w1-r1"));
        Map<String, Object> j = new LinkedHashMap<>(JsonMaps.readObject(src.resolve("trial.json")));
        j.put("tracer", "strace");
        j.put("placement", Map.of("role", "")); // outside a block: Fieller's ratio of means
        Files.writeString(dst.resolve("trial.json"), Json.write(j) + "\n");
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertEquals(org.tracebench.harness.stats.RatioEstimate.METHOD, a.find("strace", "mini", 1).throughputVsNone().method());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("n counts trials, not pairs; for tracers outside paired blocks, the ratio of the means with Fieller's interval."), md);
    }

    private static void trial(SyntheticTrials trials, String tracer, String workload, int rep, double opsPerSecond,
                              Double offered, long unfinished) throws IOException {
        Path d = trials.next(tracer, workload.replaceFirst("@.*", ""), rep); // the level is in trial.json, not the name
        Map<String, Object> j = SyntheticTrials.head(tracer, workload, rep, 5.0);
        Map<String, Object> lat = Map.of("p50", 1000.0, "p99", 2000.0, "mean", 1000.0);
        Map<String, Object> op = new LinkedHashMap<>(Map.of("count", Math.round(opsPerSecond * 5), "errors", 0,
                "opsPerSecond", opsPerSecond, "latencyNanos", lat));
        j.put("throughputOpsPerSecond", opsPerSecond);
        j.put("ops", Map.of("stat", op));
        if (offered != null) {
            j.put("ratePerWorker", offered);
            j.put("placement", Map.of("offeredRatePerSecond", offered, "role", "sweep"));
            j.put("iterationLatencyNanos", Map.of("p50", 1e6, "p99", 2e6, "p999", 3e6, "max", 4e6));
            j.put("iterationsUnfinished", unfinished);
        }
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
