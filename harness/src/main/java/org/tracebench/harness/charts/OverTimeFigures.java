package org.tracebench.harness.charts;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.report.SystemSamples;
import org.tracebench.harness.report.ThroughputSeries;
import org.tracebench.harness.report.Trial;

/**
 * The figures over a trial's time, for judging whether a window was steady: the machine's and the tracer's CPU
 * (system.csv) and the throughput per second of the measured window (load.json's time series). Drawn with
 * {@link FigureBuilder}'s styles.
 */
final class OverTimeFigures {
    private final FigureBuilder b;

    OverTimeFigures(FigureBuilder b) {
        this.b = b;
    }

    /** The x axis of both figures: 0 is the measured window's start, as in throughput-time-*. */
    static final String TIME_AXIS = "time from the measured window's start (s)";

    /**
     * Machine CPU (solid) and tracer-process CPU (dashed) over time, first valid repetition of each tracer: on the
     * throughput figure's time base (system.csv counts from GO, so each trial's warm-up is subtracted), the warm-up
     * at negative times, shaded.
     */
    Figure cpu(FigureBuilder.Group g) {
        XYChart c = b.xy("CPU over time, " + g.label(), TIME_AXIS, "CPU (cores)");
        c.getStyler().setMarkerSize(0);
        c.getStyler().setYAxisDecimalPattern(ChartStyle.DECIMALS);
        List<String> shown = new ArrayList<>();
        boolean fromGo = false; // a trial whose load.json does not say its warm-up is drawn from GO
        boolean fromTicks = false; // a system.csv without machine_busy_cores: busy from the tick shares
        double earliest = 0;
        for (String tr : b.tracers()) {
            ConfigStats s = b.analysis().find(tr, g.workload(), g.workers());
            if (s == null || s.valid().isEmpty()) continue;
            SystemSamples all = SystemSamples.read(s.valid().get(0).dir()), ss = all.withoutShortIntervals();
            if (ss.rows().isEmpty()) continue;
            fromTicks |= !ss.hasMachineBusy();
            double warmup = ThroughputSeries.warmupSeconds(s.valid().get(0).dir());
            fromGo |= Double.isNaN(warmup);
            double[] t = middles(all, ss);
            for (int i = 0; i < t.length; i++) t[i] = t[i] / 1000.0 - (Double.isNaN(warmup) ? 0 : warmup);
            earliest = Math.min(earliest, Double.isNaN(warmup) ? 0 : -warmup); // the first sample covers from GO
            b.styleLine(c.addSeries(b.legend(tr), t, ss.systemBusyCores()), tr, false);
            double[] tc = ss.column("tracer_cpu_cores");
            if (!"none".equals(tr) && java.util.Arrays.stream(tc).noneMatch(Double::isNaN)) {
                XYSeries own = c.addSeries(b.legend(tr) + " tracer", t, tc);
                b.styleLine(own, tr, true);
                own.setShowInLegend(false); // one entry per tracer: the caption says solid = machine, dashed = tracer
            }
            shown.add(tr);
        }
        c.getStyler().setYAxisMin(0.0);
        boolean shaded = earliest < 0 && !fromGo;
        if (shaded) {
            c.getStyler().setXAxisMin(earliest);
            c.addAnnotation(new WarmUpShade(earliest));
        }
        if (b.style() == ChartStyle.PAPER) {
            // inside the plot at one column's width: a free corner, else headroom above the lines
            XyLegends.placeForLines(c, shaded ? earliest : 0, XyLegends.xMax(c), 0, false, b.shownLegends(shown));
        }
        return new Figure("cpu-time-" + g.fileSuffix(), "CPU over time for " + g.label() + " (first valid "
                + "trial of each tracer): solid, the whole machine's busy cores (wall time less idle, iowait and steal, the"
                + " CPU table's machine busy; stolen CPU is not drawn" + (fromTicks ? "; from system.csv's clock-tick"
                + " shares where it has no machine_busy_cores, results written before that column, which under-read a"
                + " load that runs in short bursts" : "") + "); dashed (same colour), the "
                + "tracer's own processes, each sample at the middle of the interval it averages; " + (fromGo ? "x, seconds from the load's start (GO), warm-up included, as "
                + "these results do not record its length." : "x, seconds from the measured window's start, as in "
                + "throughput-time-*" + (shaded ? ", the warm-up before 0 (shaded)" : "") + "."), c, shown);
    }

    /** Ms from GO to the middle of the interval each row of {@code kept} (rows of {@code all}) averages: from the row before, or GO. */
    static double[] middles(SystemSamples all, SystemSamples kept) {
        double[] t = all.column("t_ms"), mid = new double[kept.rows().size()];
        for (int i = 0, j = 0; i < mid.length; i++, j++) {
            while (all.rows().get(j) != kept.rows().get(i)) j++;
            mid[i] = ((j == 0 ? 0 : t[j - 1]) + t[j]) / 2;
        }
        return mid;
    }

    /**
     * Operations per second in each second of the measured window, one line per valid trial (the tracer's
     * colour; one legend entry per tracer): a window that drifts, dips or differs from its repetitions shows here.
     */
    Figure throughput(FigureBuilder.Group g) {
        XYChart c = b.xy("Throughput over time, " + g.label(), TIME_AXIS, "ops/s");
        c.getStyler().setMarkerSize(0);
        List<String> shown = new ArrayList<>();
        int lines = 0;
        boolean dots = false;
        for (String tr : b.tracers()) {
            ConfigStats s = b.analysis().find(tr, g.workload(), g.workers());
            if (s == null) continue;
            boolean first = true;
            for (Trial t : s.valid()) {
                ThroughputSeries ts = ThroughputSeries.read(t.dir());
                if (ts.isEmpty()) continue;
                XYSeries line = c.addSeries(first ? b.legend(tr) : b.legend(tr) + " " + t.name(), // paired: one repetition, several trials
                        ts.midSeconds(), ts.opsPerSecond());
                b.styleLine(line, tr, false);
                if (ts.midSeconds().length == 1) { // a 1 s window: one point, no line to draw
                    line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
                    c.getStyler().setMarkerSize(b.style().markerSize());
                    dots = true;
                }
                line.setShowInLegend(first);
                if (first) shown.add(tr);
                first = false;
                lines++;
            }
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setXAxisMin(0.0);
        double end = Math.max(1, Math.ceil(XyLegends.xMax(c))); // the window's end: the last point is its last second's middle
        c.getStyler().setXAxisMax(end);
        if (b.style() == ChartStyle.PAPER && lines > 0) {
            XyLegends.placeForLines(c, 0, end, 0, false, b.shownLegends(shown));
        }
        return new Figure("throughput-time-" + g.fileSuffix(), "Throughput over time for " + g.label() + ": "
                + "operations of every kind per second of the measured window (warm-up excluded), one line per valid "
                + "trial in its tracer's colour" + (dots ? " (a dot for a window of one second)" : "") + "; x, seconds from the window's start, as in cpu-time-*.", c, shown);
    }
}
