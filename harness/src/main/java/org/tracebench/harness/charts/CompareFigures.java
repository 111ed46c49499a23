package org.tracebench.harness.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.tracebench.harness.report.Comparison;

/** The comparison figure: throughput B/A per configuration, grouped by workload, one colour per tracer. */
public final class CompareFigures {
    private CompareFigures() {}

    public static Figure ratio(Comparison cmp, ChartStyle style) {
        List<String> tracers = new ArrayList<>(cmp.a().results().tracers());
        cmp.b().results().tracers().forEach(t -> { if (!tracers.contains(t)) tracers.add(t); });
        Set<String> groups = new LinkedHashSet<>();
        cmp.rows().forEach(r -> groups.add(group(r)));
        List<String> labels = new ArrayList<>(groups);
        java.util.Map<String, String> legend = Labels.legends(tracers);
        BarLayout layout = BarLayout.of(style, labels, tracers.stream().map(legend::get).toList());
        CategoryChart c = new CategoryChartBuilder().width(layout.widthPt()).height(layout.heightPt())
                .title("Throughput of B relative to A").yAxisTitle("throughput B / A").build();
        style.apply(c.getStyler());
        c.getStyler().setXAxisLabelRotation(layout.labelRotation());
        BarLayout.alignRotatedLabels(c.getStyler(), layout.labelRotation());
        c.getStyler().setXAxisTitleVisible(false);
        c.getStyler().setYAxisDecimalPattern(ChartStyle.DECIMALS);
        layout.placeLegend(c.getStyler());
        List<String> shown = new ArrayList<>();
        List<double[][]> intervals = new ArrayList<>();
        double maxBar = 0, maxTop = 0;
        for (String tr : tracers) {
            List<Double> ys = new ArrayList<>();
            double[] lo = new double[labels.size()], hi = new double[labels.size()];
            boolean any = false;
            for (int i = 0; i < labels.size(); i++) {
                String g = labels.get(i);
                var row = cmp.rows().stream().filter(r -> r.config().tracer().equals(tr)
                        && group(r).equals(g)).findFirst();
                double y = row.map(r -> r.bVsA().ratio()).orElse(Double.NaN);
                lo[i] = row.map(r -> r.bVsA().ci95Low()).orElse(Double.NaN);
                hi[i] = row.map(r -> r.bVsA().ci95High()).orElse(Double.NaN);
                any |= !Double.isNaN(y);
                if (!Double.isNaN(y)) maxBar = Math.max(maxBar, y);
                if (Double.isFinite(hi[i])) maxTop = Math.max(maxTop, hi[i]);
                ys.add(Double.isNaN(y) ? 0 : y);
            }
            if (!any) continue;
            c.addSeries(legend.get(tr), labels, ys).setFillColor(Palette.of(tr, tracers));
            shown.add(tr);
            intervals.add(new double[][] {lo, hi});
        }
        Whiskers w = new Whiskers(0, FigureBuilder.axisEnd(maxBar, maxTop), style.lineWidth(), java.awt.Color.DARK_GRAY);
        intervals.forEach(iv -> w.add(iv[0], iv[1]));
        w.attachTo(c);
        boolean unbounded = cmp.rows().stream().anyMatch(r -> r.bVsA().ci95High() == Double.POSITIVE_INFINITY);
        boolean open = cmp.rows().stream().anyMatch(Comparison.Row::openLoop);
        return new Figure("compare-throughput", "Mean throughput of run B divided by run A per configuration "
                + "(1.0 = unchanged); error bars: 95% Fieller intervals from their lower to their upper bound, drawn"
                + " open where they reach beyond the axis" + (unbounded ? ", as an unbounded one (to ∞: A's interval"
                + " includes 0) always is" : "") + (open ? "; † open loop (a fixed rate): throughput is the offered rate,"
                + " so a bar near 1.0 says nothing there (compare.md lists the iteration latency)" : "") + ".", c, shown);
    }

    /** "mixed w1", "mixed@2000/s w1 †" for an open-loop row: the rows' order, levels of a sweep by rate. */
    private static String group(Comparison.Row r) {
        return r.config().workload() + " w" + r.config().workers() + (r.openLoop() ? " †" : "");
    }
}
