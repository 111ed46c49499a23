package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;

/** A paired run with a workers matrix: the terminal's lines and the split chart's bars tell the worker counts apart. */
class WorkerCountsTest {

    /** One ABBA block of ftrace at {@code thr} ops/s against 1000, with {@code workers} workers. */
    private static List<TrialRow> block(int workers, int block, double thr) {
        Map<String, Object> w = Map.of("loadSystemCores", 0.4), bw = Map.of("loadSystemCores", 0.3);
        List<TrialRow> rows = List.of(Rows.tracer("none", block, 1, 1000, 0, 0, -1, 0, bw),
                Rows.tracer("ftrace", block, 2, thr, 1000, 1000, 0, 0.1, w),
                Rows.tracer("ftrace", block, 3, thr, 1000, 1000, 0, 0.1, w), Rows.tracer("none", block, 4, 1000, 0, 0, -1, 0, bw));
        return rows.stream().map(r -> Rows.workers(r, workers)).toList();
    }

    private static FidelityAnalysis matrix() {
        List<TrialRow> rows = new ArrayList<>();
        for (int b = 1; b <= 2; b++) {
            rows.addAll(block(1, b, 600 + b));
            rows.addAll(block(2, b + 2, 800 + b));
        }
        return FidelityAnalysis.of(rows);
    }

    @Test
    void theTerminalNamesEachLinesWorkerCount() {
        FidelityAnalysis a = matrix();
        assertEquals(2, a.splits().size(), a.splits().toString());
        List<String> lines = FidelityReport.terminal(a).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ftrace w w1 ")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ftrace w w2 ")), String.join("\n", lines));
        List<String> cheapest = lines.stream().filter(l -> l.startsWith("cheapest complete ")).toList();
        assertEquals(List.of("cheapest complete ftrace on w w1: ftrace", "cheapest complete ftrace on w w2: ftrace"), cheapest);
    }

    @Test
    void theSplitChartsBarsNameTheirWorkerCountWhenItVaries() {
        Figure f = FidelityCharts.all(matrix(), ChartStyle.PAPER).stream().filter(x -> x.name().equals("overhead-split"))
                .findFirst().orElseThrow();
        List<?> cats = List.copyOf(((CategoryChart) f.chart()).getSeriesMap().values().iterator().next().getXData());
        assertEquals(List.of("ftrace w1*", "ftrace w2*"), cats);
    }
}
