package org.tracebench.harness.charts;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tracebench.harness.report.Analysis.ConfigStats;

/**
 * The product's figure, overhead against completeness: one point per tracer and configuration. A share counted
 * without paths ({@link ConfigStats#seenIsUpperBound}) is an upper bound, not a match, and is drawn as a downward
 * triangle with its own legend entry ("ftrace (≤)"), so that a figure quoted without report.md cannot show it as a
 * tracer that saw everything. Drawn with {@link FigureBuilder}'s styles.
 */
final class CompletenessFigures {
    private final FigureBuilder b;

    CompletenessFigures(FigureBuilder b) {
        this.b = b;
    }

    /** Every configuration's points in one figure. */
    Figure overheadVsCompleteness() {
        List<FigureBuilder.Group> gs = b.compared(); // a sweep level has no × none, so no point
        return draw(gs, "overhead-vs-completeness", "Overhead against completeness: one point per tracer"
                + (gs.size() > 1 ? (b.groupedBy().contains(" and ") ? ", " : " and ") + b.groupedBy() + " (overhead-vs-completeness-<workload>-w<workers> tells them"
                + " apart)" : ""), "Overhead against completeness");
    }

    /** One workload × workers group: one point per tracer. */
    Figure overheadVsCompleteness(FigureBuilder.Group g) {
        return draw(List.of(g), "overhead-vs-completeness-" + g.fileSuffix(),
                "Overhead against completeness for " + g.label() + ": one point per tracer",
                "Overhead against completeness, " + g.label());
    }

    private Figure draw(List<FigureBuilder.Group> gs, String name, String captionHead, String title) {
        XYChart c = b.xy(title, "throughput lost (%)", "operations seen (%)");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<String> shown = new ArrayList<>();
        boolean anyUpper = false;
        for (String tr : b.tracers()) {
            if ("none".equals(tr)) continue;
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), uxs = new ArrayList<>(), uys = new ArrayList<>();
            for (FigureBuilder.Group g : gs) {
                ConfigStats s = b.analysis().find(tr, g.workload(), g.workers());
                if (s == null || s.throughputVsNone() == null || Double.isNaN(s.seenOverall().mean())) continue;
                boolean upper = s.seenIsUpperBound();
                (upper ? uxs : xs).add(100 * (1 - s.throughputVsNone().ratio()));
                (upper ? uys : ys).add(100 * s.seenOverall().mean());
            }
            if (xs.isEmpty() && uxs.isEmpty()) continue;
            if (!xs.isEmpty()) point(c.addSeries(b.legend(tr), xs, ys), tr, false);
            if (!uxs.isEmpty()) point(c.addSeries(b.legend(tr) + UpperBoundMark.LEGEND_SUFFIX, uxs, uys), tr, true);
            anyUpper |= !uxs.isEmpty();
            shown.add(tr);
        }
        double maxX = c.getSeriesMap().values().stream()
                .flatMapToDouble(sr -> java.util.Arrays.stream(sr.getXData())).max().orElse(1);
        double minX = c.getSeriesMap().values().stream()
                .flatMapToDouble(sr -> java.util.Arrays.stream(sr.getXData())).min().orElse(0);
        double x0 = Math.max(-100, Math.min(0, Math.floor(minX / 10) * 10)); // faster than none (noise): x < 0
        double x1 = Math.min(100, Math.max(10, Math.ceil(maxX / 10) * 10));
        c.getStyler().setXAxisMin(x0);
        c.getStyler().setXAxisMax(x1);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(100.0);
        if (b.style() == ChartStyle.PAPER) c.getStyler().setLegendPosition(XyLegends.freeCorner(c, x0, x1, 0, 100));
        return new Figure(name, captionHead + "; x, throughput lost against none; y, operations the tracer reported "
                + "of all performed (kinds it cannot observe count as unseen)" + (anyUpper ? UpperBoundMark.CAPTION : "") + ".", c, shown);
    }

    private void point(XYSeries p, String tracer, boolean upperBound) {
        p.setMarker(UpperBoundMark.marker(upperBound));
        p.setMarkerColor(Palette.of(tracer, b.tracers()));
    }
}
