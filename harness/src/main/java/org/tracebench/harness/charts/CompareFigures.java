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
        cmp.rows().forEach(r -> groups.add(r.config().workload() + " w" + r.config().workers()));
        List<String> labels = new ArrayList<>(groups);
        java.util.Map<String, String> legend = Labels.legends(tracers);
        BarLayout layout = BarLayout.of(style, labels, tracers.stream().map(legend::get).toList());
        CategoryChart c = new CategoryChartBuilder().width(layout.widthPt()).height(layout.heightPt())
                .title("Throughput of B relative to A").yAxisTitle("throughput B / A").build();
        style.apply(c.getStyler());
        c.getStyler().setXAxisLabelRotation(layout.labelRotation());
        c.getStyler().setXAxisTitleVisible(false);
        c.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        if (style == ChartStyle.PAPER) c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<String> shown = new ArrayList<>();
        for (String tr : tracers) {
            List<Double> ys = new ArrayList<>(), err = new ArrayList<>();
            boolean any = false;
            for (String g : labels) {
                var row = cmp.rows().stream().filter(r -> r.config().tracer().equals(tr)
                        && (r.config().workload() + " w" + r.config().workers()).equals(g)).findFirst();
                double y = row.map(r -> r.bVsA().ratio()).orElse(Double.NaN);
                double e = row.filter(r -> r.bVsA().bounded()).map(r -> Math.max(r.bVsA().ci95High() - r.bVsA().ratio(),
                        r.bVsA().ratio() - r.bVsA().ci95Low())).orElse(0.0);
                any |= !Double.isNaN(y);
                ys.add(Double.isNaN(y) ? 0 : y);
                err.add(e);
            }
            if (!any) continue;
            c.addSeries(legend.get(tr), labels, ys, err).setFillColor(Palette.of(tr, tracers));
            shown.add(tr);
        }
        c.getStyler().setYAxisMin(0.0);
        return new Figure("compare-throughput", "Mean throughput of run B divided by run A per configuration "
                + "(1.0 = unchanged); error bars: 95% Fieller intervals (larger half-width).", c, shown);
    }
}
