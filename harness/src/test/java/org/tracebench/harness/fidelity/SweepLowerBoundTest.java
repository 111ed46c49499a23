package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;

/**
 * A sweep level that left iterations unfinished has lower-bound iteration latencies: the sweep table, fidelity.json
 * and the sweep-p99 chart say so, as report.md's open-loop table and the paired p99 ratio do.
 */
class SweepLowerBoundTest {
    private static final List<TrialRow> ROWS = List.of(Rows.sweep("strace", 100, true, 1000, 1000, 0),
            Rows.behind(Rows.sweep("strace", 200, true, 1000, 1000, 0), 40),
            Rows.sweep("bpftrace", 100, true, 1000, 1000, 0), Rows.sweep("bpftrace", 200, true, 1000, 1000, 0));

    @Test
    void theSweepTableMarksTheLatenciesOfALevelThatFellBehind() {
        String md = FidelityReport.markdown(FidelityAnalysis.of(ROWS), List.of());
        assertTrue(md.contains("| w w1 | 200 | strace | 200 | 100.0% | ≥ 0.100 | ≥ 1.000 |"), md);
        assertTrue(md.contains("| w w1 | 200 | bpftrace | 200 | 100.0% | 0.100 | 1.000 |"), md);
        assertTrue(md.contains("≥ marks the p50 and p99 of a level that left iterations unfinished"), md);
        String kept = FidelityReport.markdown(FidelityAnalysis.of(List.of(ROWS.get(0))), List.of());
        assertFalse(kept.contains("≥ marks the p50"), "no lower bound, no word of one: " + kept);
    }

    @Test
    void aPercentileLoadJsonSaysTheUnfinishedCannotMoveHasNoMark(@TempDir Path tmp) throws Exception {
        // one iteration in flight among a thousand: load.json says the p50 is exact and the p99 a lower bound
        Path d = Files.createDirectories(tmp.resolve("001-strace"));
        Files.writeString(d.resolve("trial.json"), "{\"status\": \"ok\", \"tracer\": \"strace\", \"workload\": \"w\","
                + " \"workers\": 1, \"ratePerWorker\": 200, \"placement\": {\"offeredRatePerSecond\": 200, \"role\": \"sweep\"}}\n");
        Files.writeString(d.resolve("load.json"), "{\"iterations\": {\"count\": 1000, \"unfinished\": 1, \"latencyNanos\":"
                + " {\"p50\": 100000, \"p99\": 1000000}, \"latencyNanosLowerBound\": {\"p50\": false, \"p99\": true}}}\n");
        TrialRow r = TrialRow.read(d);
        assertFalse(r.iterLowerBound("p50"));
        assertTrue(r.iterLowerBound("p99"));
        String md = FidelityReport.markdown(FidelityAnalysis.of(List.of(r)), List.of());
        assertTrue(md.contains(" | 0.100 | ≥ 1.000 |"), md);
        Map<?, ?> level = (Map<?, ?>) ((List<?>) FidelityAnalysis.of(List.of(r)).toMap().get("sweep")).get(0);
        assertEquals(false, level.get("iterationP50IsLowerBound"));
        assertEquals(true, level.get("iterationP99IsLowerBound"));
    }

    @Test
    void fidelityJsonFlagsTheLevel() {
        List<?> sweep = (List<?>) FidelityAnalysis.of(ROWS).toMap().get("sweep");
        Map<?, ?> kept = (Map<?, ?>) sweep.get(0), behind = (Map<?, ?>) sweep.get(1);
        assertEquals(false, kept.get("iterationLatencyIsLowerBound"));
        assertEquals(true, behind.get("iterationLatencyIsLowerBound"));
        assertEquals(40L, ((Number) behind.get("iterationsUnfinished")).longValue());
    }

    @Test
    void theP99ChartDrawsALowerBoundAsAnUpwardTriangleWithItsOwnLegendEntry() {
        Figure p99 = FidelityCharts.all(FidelityAnalysis.of(ROWS), ChartStyle.PAPER).stream()
                .filter(f -> f.name().startsWith("sweep-p99-")).findFirst().orElseThrow();
        var series = ((XYChart) p99.chart()).getSeriesMap();
        assertEquals(Set.of("strace", "strace (exact)", "strace (≥)", "bpftrace", "bpftrace (exact)"), series.keySet());
        assertEquals(2, series.get("strace").getXData().length, "one line through both levels");
        assertEquals(SeriesMarkers.TRIANGLE_UP.getClass(), series.get("strace (≥)").getMarker().getClass());
        assertTrue(p99.caption().contains("upward triangle (≥ in the legend) is a lower bound"), p99.caption());
        assertEquals(List.of("strace", "bpftrace"), p99.tracers());
        Figure completeness = FidelityCharts.all(FidelityAnalysis.of(ROWS), ChartStyle.PAPER).stream()
                .filter(f -> f.name().startsWith("sweep-completeness-")).findFirst().orElseThrow();
        assertEquals(Set.of("strace", "strace (exact)", "bpftrace", "bpftrace (exact)"), ((XYChart) completeness.chart()).getSeriesMap().keySet(),
                "a share is no latency: no lower bound there");
    }
}
