package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
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
        assertEquals(Set.of("strace", "strace (exact)", "bpftrace", "bpftrace (≤)"), series.keySet(), "bpftrace's share is counted: ≤");
        assertEquals(SeriesMarkers.TRIANGLE_DOWN.getClass(), series.get("bpftrace (≤)").getMarker().getClass());
        assertEquals(SeriesMarkers.CIRCLE.getClass(), series.get("strace (exact)").getMarker().getClass());
        assertFalse(series.get("strace (exact)").isShowInLegend(), "the circles are strace's own entry");
        assertTrue(f.caption().contains("downward triangle"), f.caption());
        assertEquals(List.of("strace", "bpftrace"), f.tracers());
        Figure p99 = FidelityCharts.all(FidelityAnalysis.of(rows), ChartStyle.PAPER).stream()
                .filter(x -> x.name().startsWith("sweep-p99-")).findFirst().orElseThrow();
        assertEquals(Set.of("strace", "strace (exact)", "bpftrace", "bpftrace (exact)"), ((XYChart) p99.chart()).getSeriesMap().keySet(),
                "latency has no bound");
        Figure plain = completeness(List.of(Rows.sweep("bpftrace", 100, true, 1000, 1000, 0)));
        assertEquals(Set.of("bpftrace", "bpftrace (exact)"), ((XYChart) plain.chart()).getSeriesMap().keySet());
        assertFalse(plain.caption().contains("triangle"), "no upper bound, no word of one: " + plain.caption());
    }

    /** A series' offered rates: x is log10 of the rate. */
    private static List<Double> rates(org.knowm.xchart.XYSeries s) {
        return java.util.Arrays.stream(s.getXData()).map(x -> (double) Math.round(Math.pow(10, x))).boxed().toList();
    }

    @Test
    void aSweepsCompletenessAxisDoesNotMagnifyASmallDropAndEveryLevelHasATick() throws Exception {
        List<TrialRow> rows = new ArrayList<>();
        for (int rate = 250; rate <= 16000; rate *= 2) rows.add(Rows.sweep("ftrace", rate, true, 1000, rate == 16000 ? 997 : 1000, 0));
        Figure f = completeness(rows);
        XYChart c = (XYChart) f.chart();
        assertEquals(90.0, c.getStyler().getYAxisMin(), "99.85% rounds down to a 90–100% axis, not an auto-scaled 99.85–100%");
        assertEquals(100.0, c.getStyler().getYAxisMax());
        assertTrue(f.caption().contains("the y axis starts at 90%, not 0"), f.caption());
        org.knowm.xchart.BitmapEncoder.getBufferedImage(c); // lays the axes out
        java.lang.reflect.Method xAxis = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getXAxis");
        xAxis.setAccessible(true);
        Object axis = xAxis.invoke(c);
        List<String> labels = ((org.knowm.xchart.internal.chartpart.AxisTickCalculator) axis.getClass()
                .getMethod("getAxisTickCalculator").invoke(axis)).getTickLabels();
        assertEquals(List.of("250", "500", "1000", "2000", "4000", "8000", "16000"), labels, "a labelled tick per level");
        assertEquals(0.0, FidelityCharts.completenessFloor(3), "a share below 10% starts the axis at 0");
        assertEquals(90.0, FidelityCharts.completenessFloor(100), "a sweep without loss still has a 10% span");
    }

    @Test
    void eachTracerIsOneLineThroughAllItsLevelsWithBoundAndUnreachedLevelsMarkedOnIt() {
        List<TrialRow> rows = List.of(Rows.sweep("ftrace", 100, true, 1000, 1000, 0),
                Rows.counted(Rows.sweep("ftrace", 200, true, 1000, 1000, 0), "read"),
                Rows.achieved(Rows.sweep("ftrace", 400, true, 1000, 1000, 0), 100));
        var series = ((XYChart) completeness(rows).chart()).getSeriesMap();
        assertEquals(List.of(100.0, 200.0, 400.0), rates(series.get("ftrace")),
                "one line through every level, the counted one too");
        assertEquals(SeriesMarkers.NONE.getClass(), series.get("ftrace").getMarker().getClass());
        assertTrue(series.get("ftrace").isShowInLegend());
        for (String overlay : List.of("ftrace (exact)", "ftrace (≤)", "ftrace (not reached)")) {
            assertEquals(org.knowm.xchart.style.lines.SeriesLines.NONE, series.get(overlay).getLineStyle(), overlay + ": markers only");
        }
        assertEquals(List.of(200.0), rates(series.get("ftrace (≤)")));
        assertEquals(List.of(400.0), rates(series.get("ftrace (not reached)")),
                "achieved 100 of 400 offered: not reached");
        assertEquals(SeriesMarkers.DIAMOND.getClass(), series.get("ftrace (not reached)").getMarker().getClass());
        assertTrue(completeness(rows).caption().contains("a diamond (not reached in the legend)"), completeness(rows).caption());
    }

    /** One ABBA block of {@code label} at {@code thr} ops/s against 1000, with the load's system cores on each side. */
    private static List<TrialRow> block(String label, int block, double thr, double sys, double baseSys, double cores) {
        Map<String, Object> w = Map.of("loadSystemCores", sys), bw = Map.of("loadSystemCores", baseSys);
        return List.of(Rows.tracer("none", block, 1, 1000, 0, 0, -1, 0, bw), Rows.tracer(label, block, 2, thr, 1000, 1000, 0, cores, w),
                Rows.tracer(label, block, 3, thr, 1000, 1000, 0, cores, w), Rows.tracer("none", block, 4, 1000, 0, 0, -1, 0, bw));
    }

    @Test
    void eachSplitBarIsAsTallAsTheCostTheCheapestChoiceUsesEvenWhenKernelTimeExceedsTheSlowdown() {
        List<TrialRow> rows = new ArrayList<>(block("strace", 1, 900, 0.7, 0.3, 0.5)); // (a) 111 µs/op < (c) 478 µs/op
        rows.addAll(block("ftrace", 2, 500, 0.35, 0.3, 0.1)); // (a) 1000 µs/op > (c) 400 µs/op
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        Figure f = FidelityCharts.all(a, ChartStyle.PAPER).stream().filter(x -> x.name().equals("overhead-split")).findFirst().orElseThrow();
        CategoryChart c = (CategoryChart) f.chart();
        for (int i = 0; i < a.splits().size(); i++) {
            OverheadSplit s = a.splits().get(i);
            double total = 0;
            for (var series : c.getSeriesMap().values()) total += ((List<?>) series.getYData()).get(i) instanceof Number n ? n.doubleValue() : 0;
            assertEquals(s.costMicrosPerOp(), total, 1e-9, s.label() + ": the bar is the cost the text names");
        }
        assertTrue(a.splits().stream().anyMatch(s -> s.kernelMicrosPerOp() > s.extraMicrosPerOp()), "the case of the defect");
        assertTrue(f.caption().contains("(a) + (b)"), f.caption());
        for (var series : c.getSeriesMap().values()) { // Okabe-Ito's colours are the tracers': (c) was strace's vermillion
            java.awt.Color fill = series.getFillColor();
            assertTrue(fill.getRed() == fill.getGreen() && fill.getGreen() == fill.getBlue() && fill.getRed() > 0x40,
                    series.getName() + " is a grey, no tracer's colour: " + fill);
        }
        Styler.LegendPosition legend = c.getStyler().getLegendPosition();
        assertTrue(legend.name().startsWith("Outside"), "the legend covered the top of a bar: " + legend);
    }
}
