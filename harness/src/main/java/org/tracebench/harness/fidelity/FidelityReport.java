package org.tracebench.harness.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.charts.ChartFormat;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.ReportCharts;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.pairing.PairedAnalysis;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.report.MarkdownReport;
import org.tracebench.harness.report.Num;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.loadgen.json.Json;

/**
 * The report's issue 7 part: writes {@code fidelity.json} and the figures of {@link FidelityCharts}, and renders the
 * Markdown section appended to report.md (A/A check, paired overheads, three-way split, cheapest complete
 * configuration, sweep levels and loss knees). Locale-independent.
 */
public final class FidelityReport {
    private FidelityReport() {}

    /** Why an open loop's slowdown and (a) are not given. */
    static final String OPEN_LOOP = "† Open loop at a fixed rate: slowdown and (a) are not applicable, as the throughput is "
            + "the rate whenever the load keeps up (a throughput ratio under 1 says it did not); the tracer's cost to the "
            + "workload shows in the iteration p99 ratio, and the cost used to choose the cheapest configuration is (c) + (b).";

    /**
     * What {@link #write} produced: the Markdown section (empty when there is nothing to report) and the chart files. A
     * failed A/A check's warning is {@code Analysis}'s ({@code aa-noisy}), with the others.
     */
    public record Written(String markdown, int charts, List<Path> chartFiles) {}

    /** Analyses {@code dir}, writes fidelity.json and the charts under {@code dir/charts}, returns the section. */
    public static Written write(Path dir, Set<ChartFormat> formats, ChartStyle style) throws IOException {
        FidelityAnalysis a = FidelityAnalysis.of(dir);
        if (!a.any()) return new Written("", 0, List.of());
        AtomicFiles.write(dir.resolve("fidelity.json"), (Json.write(a.toMap()) + "\n").getBytes(StandardCharsets.UTF_8));
        List<ReportCharts.Written> charts = formats.isEmpty() ? List.of()
                : ReportCharts.write(FidelityCharts.all(a, style), dir.resolve("charts"), formats, style);
        return new Written(markdown(a, charts), charts.size(),
                charts.stream().flatMap(w -> w.files().stream()).toList());
    }

    /**
     * The run command's closing lines: A/A verdicts, paired overhead with its split, the cheapest complete
     * configuration per backend, and each tracer's overall loss knee. Empty when the run had none of these.
     */
    public static String terminal(Path dir) throws IOException {
        return terminal(FidelityAnalysis.of(dir));
    }

    static String terminal(FidelityAnalysis a) {
        if (!a.any()) return "";
        StringBuilder sb = new StringBuilder();
        for (PairedAnalysis.AaCheck c : a.paired().aaChecks()) {
            sb.append(c.verdict().message(c)).append(noisy(c)).append('\n');
        }
        if (!a.splits().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-34s %-26s %9s %9s %10s %10s %12s%n", "paired overhead", "throughput ratio [95% CI]",
                    "p99 ratio", "(a) µs/op", "(b) cores", "(c) cores", "(c) ns/hit"));
            for (OverheadSplit s : a.splits()) {
                sb.append(String.format(Locale.ROOT, "%-34s %-26s %9s %9s %10s %10s %12s%n", s.label() + " " + s.workload() + " w" + s.workers(),
                        ratio(s.throughput()), p99Ratio(s), s.openLoop() ? "n/a†" : f(s.extraMicrosPerOp(), "%.2f"), f(s.tracerCores(), "%.3f"),
                        f(s.kernelCores(), "%.4f") + (s.kernelMeasured() ? "" : "*"), f(s.bpfNsPerHit(), "%.0f")));
            }
            sb.append("p99 ratio: the within-pair iteration p99 ratio (≥ a lower bound, ≤ an upper bound, ~ neither: unfinished iterations). (c) * = estimated from the load"
                    + " generator's extra system time; otherwise measured with BPF statistics.\n");
            if (a.splits().stream().anyMatch(OverheadSplit::openLoop)) sb.append(OPEN_LOOP).append('\n');
        }
        for (FidelityAnalysis.Cheapest c : a.cheapest()) {
            sb.append("cheapest complete ").append(c.backend()).append(" on ").append(c.workload()).append(" w").append(c.workers()).append(": ")
                    .append(c.chosen() == null ? "none of its configurations was complete" : c.chosen().label()
                            + (c.upperBound() ? " (complete only as an upper bound: counted, not matched)" : "")).append('\n');
        }
        for (LossKnee.Knee k : a.knees()) {
            if (k.family().equals("all")) {
                sb.append("loss knee ").append(k.tracer()).append(" on ").append(k.workload()).append(" w").append(k.workers()).append(": ").append(k.text())
                        .append(k.firstMissReason() == null ? "" : " (first miss: " + k.firstMissReason() + ")").append('\n');
            }
        }
        return sb.toString();
    }

    /** After a failed A/A check's verdict: where its warning is, with the fix. */
    private static String noisy(PairedAnalysis.AaCheck c) {
        return c.verdict() == PairedAnalysis.Verdict.NOISY ? " (Warning [" + WarningKind.AA_NOISY.code() + "].)" : "";
    }

    static String markdown(FidelityAnalysis a, List<ReportCharts.Written> charts) {
        StringBuilder sb = new StringBuilder("\n## Fidelity: paired overhead, cost split, option matrices, loss knees\n\n");
        if (!a.paired().aaChecks().isEmpty()) {
            sb.append("### A/A check\n\n");
            for (PairedAnalysis.AaCheck c : a.paired().aaChecks()) {
                sb.append("- ").append(c.verdict().message(c)).append(noisy(c)).append("\n");
            }
            sb.append('\n');
        }
        if (!a.splits().isEmpty()) {
            sb.append("### Overhead from paired trials, split three ways\n\n");
            sb.append("Throughput and p99 ratios are geometric means of within-pair ratios (tracer / adjacent `none`, ABBA blocks) "
                    + "with 95% Student t intervals over the pairs. (a) workload slowdown; (b) the tracer's own processes; "
                    + "(c) kernel time on the tracer's behalf, **measured** from BPF statistics for BPF tracers and otherwise an "
                    + "**estimate** from the load generator's extra system time per operation (kernel work in the tracer's own "
                    + "context appears as its system CPU under (b)). (b) CPU and its user/system parts, and an estimated "
                    + "(c), come from the sampler over the measured window (warm-up excluded, like the throughput); "
                    + "context switches and a measured (c) run from GO to END, warm-up included (the window probe reads "
                    + "the tracer's threads and BPF statistics outside the measured window only), as does an estimated (c) "
                    + "marked GO–END (results written before trial.json's cpuCores.loadSystem). The iteration p99 ratio"
                    + " compares whole iterations (every op"
                    + " of the task once), timed from their intended start at a rate and from their actual start without"
                    + " one, not an operation's p99; ≥ marks a tracer whose iterations unfinished at the window's end could"
                    + " raise its p99 (a lower bound, and so is the ratio), ≤ baselines whose could (the ratio is an upper"
                    + " bound), ~ both (bounded neither way)."
                    + (a.splits().stream().anyMatch(OverheadSplit::openLoop) ? " " + OPEN_LOOP : "") + "\n\n");
            sb.append("| tracer | workload | pairs | throughput ratio [95% CI] | slowdown | iteration p99 ratio | (a) extra µs/op | (b) tracer CPU cores = user + sys | (b) RSS MiB | (b) ctx sw/s | (c) kernel cores | (c) µs/op | (c) ns/hit | (c) method |\n");
            sb.append("|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
            for (OverheadSplit s : a.splits()) {
                PairRatios t = s.throughput();
                sb.append("| ").append(s.label()).append(" | ").append(s.workload()).append(" w").append(s.workers())
                        .append(" | ").append(t.n()).append(" | ").append(ratio(t)).append(" | ")
                        .append(s.openLoop() ? "n/a†" : pct(t.slowdown())).append(" | ").append(p99Ratio(s)).append(" | ")
                        .append(s.openLoop() ? "n/a†" : f(s.extraMicrosPerOp(), "%.2f")).append(" | ").append(f(s.tracerCores(), "%.3f"))
                        .append(Double.isNaN(s.tracerUserCores()) ? "" : " = " + f(s.tracerUserCores(), "%.3f") + " + "
                                + f(s.tracerSystemCores(), "%.3f")).append(" | ").append(f(s.tracerMaxRssBytes() / 1048576, "%.1f")).append(" | ")
                        .append(f(s.tracerContextSwitchesPerSecond(), "%.0f")).append(" | ").append(f(s.kernelCores(), "%.4f"))
                        .append(" | ").append(f(s.kernelMicrosPerOp(), "%.3f")).append(" | ").append(f(s.bpfNsPerHit(), "%.0f"))
                        .append(" | ").append(s.kernelMeasured() ? "measured (bpf_stats)" : "estimate (load sys time)")
                        .append(s.kernelMeasured() || s.kernelInWindow() ? "" : ", GO–END").append(" |\n");
            }
            sb.append('\n');
        }
        if (!a.cheapest().isEmpty()) {
            sb.append("### Cheapest configuration still complete\n\n");
            sb.append("Complete: every valid trial reported ≥ 99.9% of each observable op kind and admitted no lost events; "
                    + "a kind the configuration's options leave untraced, wholly or partly (strace's syscalls), is a miss, "
                    + "not a blind spot, so such a configuration is never complete. "
                    + "A share marked ≤ is an upper bound, not a match (some kinds were counted without a path, so other "
                    + "calls of the kind count too): such a configuration is chosen only when no configuration's "
                    + "completeness was matched, and then named an upper bound. "
                    + "Cost: extra time per operation plus tracer CPU per operation"
                    + (a.splits().stream().anyMatch(OverheadSplit::openLoop) ? "; in an open loop (†), where the extra time "
                    + "is not applicable, kernel CPU on the tracer's behalf plus tracer CPU per operation" : "") + ".\n\n");
            for (FidelityAnalysis.Cheapest c : a.cheapest()) {
                sb.append("- **").append(c.backend()).append("** on ").append(c.workload()).append(" w").append(c.workers()).append(": ");
                if (c.chosen() != null) {
                    sb.append('`').append(c.chosen().label()).append("` (").append(f(c.chosen().costMicrosPerOp(), "%.2f"))
                            .append(" µs/op").append(c.upperBound() ? "; complete only as an upper bound: counted, not matched" : "")
                            .append(')');
                } else {
                    sb.append("no configuration was complete");
                }
                List<String> others = new ArrayList<>();
                for (Map<String, Object> m : c.candidates()) {
                    boolean upper = Boolean.TRUE.equals(m.get("seenIsUpperBound"));
                    others.add(m.get("tracer") + (Boolean.TRUE.equals(m.get("complete")) ? " complete"
                            : Boolean.TRUE.equals(m.get("completeAsUpperBound")) ? " complete only as an upper bound (counted, not matched)"
                            : " incomplete" + notTraced(m)) + ", " + f(num(m.get("costMicrosPerOp")), "%.2f") + " µs/op, seen "
                            + (upper ? "≤ " : "") + pct(num(m.get("seenOverall"))));
                }
                sb.append("; candidates: ").append(String.join("; ", others)).append("\n");
            }
            sb.append('\n');
        }
        if (!a.sweep().isEmpty()) {
            sb.append("### Rate sweep\n\n");
            sb.append("Open loop, latency from each iteration's intended start. Loss knee: the highest offered rate at which the "
                    + "tracer (and at every lower level) reported ≥ 99.9% of the operations with no lost events"
                    + (a.sweep().stream().anyMatch(FidelityAnalysis.SweepLevel::seenIsUpperBound) ? "; ≤ marks a share "
                    + "counted without paths, an upper bound, not a match, and a knee reached on one is an upper bound too" : "")
                    + (a.sweep().stream().anyMatch(FidelityAnalysis.SweepLevel::latencyIsLowerBound) ? "; ≥ marks the p50"
                    + " and p99 of a level that left iterations unfinished at the window's end (each counted with the time"
                    + " it had waited by then) where those could raise it by over 1%, lower bounds" : "")
                    + (a.knees().stream().anyMatch(LossKnee.Knee::saturated) ? "; a knee at a level where the tracer"
                    + " held the load below the sweep's saturation share of the offered rate names the rate achieved there:"
                    + " the tracer slowed the load instead of losing events, so it was not shown complete at the rate offered" : "")
                    + ".\n\n");
            Set<String> kinds = new LinkedHashSet<>();
            a.sweep().forEach(l -> kinds.addAll(l.seenPerKind().keySet()));
            sb.append("| workload | offered it/s | tracer | achieved it/s | achieved/offered | p50 ms | p99 ms | lost |");
            for (String k : kinds) sb.append(' ').append(k).append(" |");
            sb.append("\n|---|---:|---|---:|---:|---:|---:|---:|");
            for (int i = 0; i < kinds.size(); i++) sb.append("---:|");
            sb.append('\n');
            for (FidelityAnalysis.SweepLevel l : a.sweep()) {
                sb.append("| ").append(l.workload()).append(" w").append(l.workers()).append(" | ")
                        .append(f(l.offeredPerSecond(), "%.0f")).append(" | ").append(l.tracer()).append(l.ok() ? "" : " (invalid)")
                        .append(" | ").append(f(l.achievedPerSecond(), "%.0f")).append(" | ").append(pct(l.achievedFraction()))
                        .append(" | ").append(latency(l.iterP50LowerBound(), l.iterP50Nanos()))
                        .append(" | ").append(latency(l.iterP99LowerBound(), l.iterP99Nanos()))
                        .append(" | ").append(l.lostEvents() < 0 ? "?" : Long.toString(l.lostEvents())).append(" |");
                for (String k : kinds) {
                    Double v = l.seenPerKind().get(k);
                    sb.append(' ').append(l.tracer().startsWith("none") ? "" : v == null ? "" : Double.isNaN(v) ? "blind"
                            : (l.upperBoundKinds().contains(k) ? "≤ " : "") + LossKnee.share(v)).append(" |");
                }
                sb.append('\n');
            }
            sb.append("\n| tracer | workload | op family | loss knee | first miss |\n|---|---|---|---:|---|\n");
            for (LossKnee.Knee k : a.knees()) {
                sb.append("| ").append(k.tracer()).append(" | ").append(k.workload()).append(" w").append(k.workers())
                        .append(" | ").append(k.family()).append(" | ").append(k.text()).append(" | ")
                        .append(k.firstMissReason() == null ? "" : (Double.isNaN(k.firstMissPerSecond()) ? ""
                                : f(k.firstMissPerSecond(), "%.0f") + "/s: ") + k.firstMissReason()).append(" |\n");
            }
            sb.append('\n');
        }
        for (ReportCharts.Written w : charts) {
            Path e = w.embeddable();
            if (e != null) sb.append(MarkdownReport.chartOpening(e.toString())).append(w.figure().caption())
                    .append("](charts/").append(e.getFileName()).append(")\n\n");
        }
        return sb.toString();
    }

    private static String ratio(PairRatios r) {
        if (Double.isNaN(r.ratio())) return "—";
        String ratio = Num.sig(r.ratio(), 3); // 0.00829, not 0.008 (121×, not 125×)
        return r.hasInterval() ? ratio + " [" + Num.sig(r.ci95Low(), 3) + ", " + Num.sig(r.ci95High(), 3) + "]" : ratio;
    }

    /** " (not traced by option: chown, rename)" for a candidate whose options left kinds untraced, else "". */
    private static String notTraced(Map<String, Object> candidate) {
        return candidate.get("notTracedByOption") instanceof List<?> l && !l.isEmpty()
                ? " (not traced by option: " + l.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")"
                : "";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "—";
    }

    private static String f(double v, String fmt) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "—";
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A sweep level's iteration latency in ms, "≥" when the level's unfinished iterations could move it (a lower bound). */
    private static String latency(boolean lowerBound, double nanos) {
        String v = f(nanos / 1e6, "%.3f");
        return lowerBound && !v.equals("—") ? "≥ " + v : v;
    }

    /** The within-pair iteration p99 ratio, marked as {@link PairRatios.Bound} says where unfinished iterations bound it. */
    private static String p99Ratio(OverheadSplit s) {
        String r = f(s.p99().ratio(), "%.2f×");
        return r.equals("—") ? r : s.p99Bound().mark + r;
    }

}
