package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Metrics;
import org.tracebench.harness.report.ResultsReader;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;

/** The terminal table printed at the end of {@code run}: per configuration throughput vs none, CPU, completeness. */
final class SummaryTable {
    private SummaryTable() {}

    static void print(Path resultsDir, PrintWriter o) {
        Analysis a;
        try {
            a = Analysis.of(ResultsReader.read(resultsDir));
        } catch (IOException e) {
            o.println("(no summary: " + e.getMessage() + ")");
            return;
        }
        o.printf(Locale.ROOT, "%-15s %-16s %3s %4s %13s %22s %11s %11s %9s%n", "tracer", "workload", "w", "n",
                "ops/s", "vs none [95% CI]", "tracer cpu", "kernel cpu", "seen");
        for (Analysis.ConfigStats s : a.configs()) {
            Estimate thr = s.metric(Metrics.THROUGHPUT);
            RatioEstimate r = s.throughputVsNone();
            String ratio = r == null ? "-" : r.bounded()
                    ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.ratio(), r.ci95Low(), r.ci95High())
                    : String.format(Locale.ROOT, "%.3f [unbounded]", r.ratio());
            Estimate seen = s.seenOverall();
            o.printf(Locale.ROOT, "%-15s %-16s %3d %4s %13s %22s %11s %11s %9s%n", s.config().tracer(), s.config().workload(),
                    s.config().workers(), s.valid().size() + (s.invalid() > 0 ? "+" + s.invalid() + "!" : ""),
                    fmt(thr.mean(), "%,.0f"), ratio, fmt(s.metric(Metrics.CPU_TRACER).mean(), "%.3f"),
                    fmt(s.metric(Metrics.CPU_KERNEL).mean(), "%.3f"),
                    seen == null || seen.n() == 0 || s.config().tracer().equals("none") ? "-" : fmt(seen.mean() * 100, "%.1f%%"));
        }
        for (RunWarning w : a.warnings()) o.println("warning: " + w.message());
        o.flush();
    }

    private static String fmt(double v, String f) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "-";
    }
}
