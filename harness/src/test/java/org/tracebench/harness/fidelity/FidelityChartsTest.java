package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;

class FidelityChartsTest {

    private static Figure completeness(List<TrialRow> rows) {
        return FidelityCharts.all(FidelityAnalysis.of(rows), ChartStyle.PAPER).stream()
                .filter(f -> f.name().startsWith("sweep-completeness-")).findFirst().orElseThrow();
    }

    @Test
    void aCountedShareIsADownwardTriangleWithItsOwnLegendEntryNotALevelLikeAMatch() {
        List<TrialRow> rows = List.of(
                Rows.sweep("strace", 100, true, 1000, 1000, 0), Rows.sweep("strace", 200, true, 1000, 1000, 0),
                Rows.counted(Rows.sweep("bpftrace", 100, true, 1000, 1000, 0), "read"),
                Rows.counted(Rows.sweep("bpftrace", 200, true, 1000, 1000, 0), "read"));
        Figure f = completeness(rows);
        var series = ((XYChart) f.chart()).getSeriesMap();
        assertEquals(Set.of("strace", "bpftrace (≤)"), series.keySet(), "bpftrace's share is counted: ≤");
        assertEquals(SeriesMarkers.TRIANGLE_DOWN.getClass(), series.get("bpftrace (≤)").getMarker().getClass());
        assertEquals(SeriesMarkers.CIRCLE.getClass(), series.get("strace").getMarker().getClass());
        assertTrue(f.caption().contains("downward triangle"), f.caption());
        assertEquals(List.of("strace", "bpftrace"), f.tracers());
        Figure p99 = FidelityCharts.all(FidelityAnalysis.of(rows), ChartStyle.PAPER).stream()
                .filter(x -> x.name().startsWith("sweep-p99-")).findFirst().orElseThrow();
        assertEquals(Set.of("strace", "bpftrace"), ((XYChart) p99.chart()).getSeriesMap().keySet(), "latency has no bound");
        Figure plain = completeness(List.of(Rows.sweep("bpftrace", 100, true, 1000, 1000, 0)));
        assertEquals(Set.of("bpftrace"), ((XYChart) plain.chart()).getSeriesMap().keySet());
        assertFalse(plain.caption().contains("triangle"), "no upper bound, no word of one: " + plain.caption());
    }
}
