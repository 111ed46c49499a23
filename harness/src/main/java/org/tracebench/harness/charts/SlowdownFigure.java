package org.tracebench.harness.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.tracebench.harness.report.OpSlowdowns;

/** Figure 6, slowdown per operation kind and tracer, drawn with {@link FigureBuilder}'s styles. */
final class SlowdownFigure {
    private final FigureBuilder b;

    SlowdownFigure(FigureBuilder b) {
        this.b = b;
    }

    /** Slowdown per op kind and tracer ({@link OpSlowdowns}: mean latency ÷ none's). */
    Figure slowdownPerOp() {
        List<OpSlowdowns.Slowdown> all = OpSlowdowns.all(b.analysis());
        List<String> ops = OpSlowdowns.ops(all);
        Map<String, Map<String, OpSlowdowns.Slowdown>> byTracer = OpSlowdowns.byTracer(all);
        CategoryChart c = b.category("Slowdown per operation kind", "", "slowdown (×)", ops,
                b.tracers().stream().filter(byTracer::containsKey).map(b::legend).toList());
        List<String> shown = new ArrayList<>();
        Map<String, List<Double>> series = new java.util.LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        Set<String> mixed = new LinkedHashSet<>();
        for (String tr : b.tracers()) {
            Map<String, OpSlowdowns.Slowdown> m = byTracer.get(tr);
            if (m == null) continue;
            List<Double> ys = new ArrayList<>();
            for (String op : ops) {
                OpSlowdowns.Slowdown d = m.get(op);
                if (d != null) {
                    lo = Math.min(lo, d.factor());
                    hi = Math.max(hi, d.factor());
                    if (!d.alone()) mixed.add(d.workload());
                }
                ys.add(d == null ? null : d.factor()); // a gap: 1.0 would draw a bar that reads "no cost"
            }
            series.put(tr, ys);
        }
        // A logarithmic axis labels only its decades: under one decade of range it printed a lone "1".
        boolean log = hi / Math.min(1, lo) >= LOG_SPAN;
        if (log) {
            // XChart's logarithmic axis draws every bar up from the axis's bottom, so a speed-up (0.9) read as a
            // slowdown: bars of log10(slowdown) on a linear axis start at 1× and go down below it, ticks show ×.
            c.getStyler().setyAxisTickLabelsFormattingFunction(SlowdownFigure::factorLabel);
            series.values().forEach(ys -> ys.replaceAll(y -> y == null ? null : Math.log10(y)));
        } else {
            c.getStyler().setYAxisMin(0.0);
        }
        c.getStyler().setYAxisDecimalPattern("#0.##");
        series.forEach((tr, ys) -> {
            c.addSeries(b.legend(tr), ops, ys).setFillColor(Palette.of(tr, b.tracers()));
            shown.add(tr);
        });
        org.tracebench.harness.report.SlowdownScope scope = org.tracebench.harness.report.SlowdownScope.of(b.analysis(), all);
        String workers = scope.oneWorkerCount() == null ? ", each kind at the worker count report.md names"
                : ", with " + scope.oneWorkerCount();
        return new Figure("slowdown-per-op", "Slowdown per operation kind: the tracer's mean latency of that kind ÷ "
                + "none's (1 = no cost), " + (OpSlowdowns.any(all, true) ? "the geometric mean of the within-pair ratios "
                + "(each tracer trial ÷ the adjacent none of its ABBA block)" + (OpSlowdowns.any(all, false)
                ? ", elsewhere the ratio of means over trials" : "") : "means over trials") + workers
                + ", from a workload doing only that kind where the suite "
                + "has one" + (mixed.isEmpty() ? "" : ", else from " + String.join(", ", mixed) + " (its kinds "
                + "share every iteration, so their throughputs fall together and only latency tells them apart)")
                + (scope.leftOutNote().isEmpty() ? "" : "; " + scope.leftOutNote())
                + (log ? "; on a logarithmic axis, bars start at 1 (below it: faster than none)" : "")
                + ". No error bars (XChart misdraws them on logarithmic axes): "
                + "report.md and summary.json carry the intervals.", c, shown);
    }

    /** Slowdowns spanning this factor or more (from 1 or the smallest below it) get a logarithmic axis. */
    static final double LOG_SPAN = 20;

    /** Label of a tick at log10(factor) = x, two significant digits: 0 → "1", 0.5 → "3.2", 1.3 → "20". */
    static String factorLabel(double x) {
        return java.math.BigDecimal.valueOf(Math.pow(10, x)).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString();
    }
}
