package org.tracebench.harness.report;

import java.util.Locale;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;

/**
 * The end-of-run table for the terminal (fixed width, plain text): per configuration the valid repetitions, mean
 * throughput, throughput relative to none with its 95% interval, tracer CPU in cores and the share of the operations
 * of observable kinds the tracer reported ({@link ConfigStats#seenHeadline}); then a note where that share is an
 * upper bound, and the warnings. For {@code tracebench run} to print after {@link Summaries#write}.
 */
public final class TerminalSummary {
    private TerminalSummary() {}

    /** Tracer and workload columns are at least this wide, wider when a name is longer (e.g. strace-seccomp). */
    private static final int MIN_TRACER_WIDTH = 10;
    private static final int MIN_WORKLOAD_WIDTH = 16;

    /** A text column's width: the longest of {@code values}, at least {@code min}. */
    static int width(int min, java.util.stream.Stream<String> values) {
        return Math.max(min, values.mapToInt(String::length).max().orElse(0));
    }

    /** The table and warnings, lines ending in '\n'. */
    public static String text(Analysis a) {
        int tracerWidth = width(MIN_TRACER_WIDTH, a.configs().stream().map(s -> s.config().tracer()));
        int workloadWidth = width(MIN_WORKLOAD_WIDTH, a.configs().stream().map(s -> s.config().workload()));
        int ratioWidth = width(7, a.configs().stream().map(TerminalSummary::ratio));
        int ciWidth = width(15, a.configs().stream().map(TerminalSummary::ci));
        String format = "%-" + tracerWidth + "s %-" + workloadWidth + "s %3s %4s %11s %" + ratioWidth + "s %-" + ciWidth
                + "s %10s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "tracer", "workload", "w", "n", "ops/s", "× none", "95% CI",
                "tracer CPU", "seen (of observable kinds)"));
        boolean upperBound = false;
        for (ConfigStats s : a.configs()) {
            boolean none = "none".equals(s.config().tracer());
            sb.append(String.format(Locale.ROOT, format, s.config().tracer(), s.config().workload(),
                    s.config().workers(), s.valid().size(), Num.sig(s.metric(Metrics.THROUGHPUT).mean(), 4),
                    ratio(s), ci(s),
                    none ? "–" : Num.fixed(s.metric(Metrics.CPU_TRACER).mean(), 2),
                    none ? "–" : s.seenHeadline()));
            upperBound |= !none && s.seenIsUpperBound();
        }
        if (a.hasRatios(true)) {
            sb.append("× none: geometric mean of the within-pair ratios (each tracer trial ÷ the adjacent none of its "
                    + "ABBA block), 95% interval over the pairs.\n");
        }
        if (upperBound) {
            sb.append("≤: an upper bound, not a match: the tracer reported some kinds without a path, so their events "
                    + "were counted, and other calls of the same kind count too (report.md marks each kind).\n");
        }
        for (String w : RunWarning.terminalLines(a.warnings())) sb.append("Warning: ").append(w).append('\n');
        return sb.toString();
    }

    /** Throughput × none to 3 significant digits (0.00829, not 0.008: a 121× slowdown must not read as 125×). */
    private static String ratio(ConfigStats s) {
        RatioEstimate r = s.throughputVsNone();
        return r == null ? "–" : Num.sig(r.ratio(), 3);
    }

    private static String ci(ConfigStats s) {
        RatioEstimate r = s.throughputVsNone();
        return r == null || Double.isNaN(r.ci95Low()) ? "–" : Num.sig(r.ci95Low(), 3) + "–" + Num.sig(r.ci95High(), 3);
    }
}
