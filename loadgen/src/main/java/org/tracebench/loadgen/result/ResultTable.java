package org.tracebench.loadgen.result;

import java.util.Locale;
import org.tracebench.loadgen.op.OpKind;

/**
 * Renders a {@link LoadResult} as a fixed-width text table for people: one row per op kind plus iterations. With a
 * rate, a line says which latency is which: the ops' are service times, the iterations' run from the intended start.
 */
public final class ResultTable {
    private ResultTable() {}

    public static String format(LoadResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "task %s (%s), %d worker(s), %.1f s measured after %.1f s warm-up, %s%n",
                r.task().name(), r.task().format(), r.workers(), r.durationSeconds(), r.warmupSeconds(),
                r.rate() == null ? "closed loop" : "open loop at " + r.rate() + " iterations/s/worker"));
        if (r.rate() != null) {
            sb.append("op latencies are service times (from each op's actual start); (iterations) latency runs from each"
                    + " iteration's intended start (coordinated-omission corrected): the latency at this rate\n");
        }
        String head = "%-18s %12s %12s %10s %10s %10s %10s %8s%n";
        sb.append(String.format(Locale.ROOT, head, "op", "count", "ops/s", "p50", "p99", "p99.9", "max", "errors"));
        for (OpKind k : OpKind.values()) {
            OpResult o = r.ops().get(k);
            if (o == null) continue;
            row(sb, k.yamlName(), o.count(), o.opsPerSecond(), o.latency(), o.errors(), q -> "");
        }
        // its errors column: the iterations with an error, which are neither counted nor timed
        IterationResult it = r.iterations();
        row(sb, "(iterations)", it.count(), it.perSecond(), it.latency(), it.failed(),
                q -> IterationResult.lowerBound(it.unfinished(), it.latencyLowerBound(), q) ? "≥" : "");
        sb.append(String.format(Locale.ROOT, "total %.0f ops/s; %d child process(es)%n", r.totalOpsPerSecond(),
                r.groundTruth().childPids().size()));
        if (r.iterations().unfinished() > 0) {
            sb.append(String.format(Locale.ROOT, "%d iteration(s) intended in the window had not finished when it ended:"
                    + (IterationResult.backlog(r.iterations().unfinished(), r.workers())
                    ? " the load could not keep up with the rate;" : " at most one in flight per worker, no backlog;")
                    + " (iterations) latency includes each with the time it had waited by then (a lower bound, marked ≥"
                    + " where it could raise that percentile by over 1%%), its count does not%n", r.iterations().unfinished()));
        }
        for (OpKind k : OpKind.values()) {
            OpResult o = r.ops().get(k);
            if (o == null) continue;
            if (o.nonZeroExits() > 0) {
                sb.append(String.format(Locale.ROOT, "  %s: %d exec(s) exited with a status other than 0 (counted "
                        + "above as done: the binary ran and was waited for)%n", k.yamlName(), o.nonZeroExits()));
            }
            if (o.restoreErrors() > 0) {
                sb.append(String.format(Locale.ROOT, "  %s: %d restore step(s) failed after a successful op (counted "
                        + "above as successes, not as errors)%n", k.yamlName(), o.restoreErrors()));
            }
            for (String s : o.errorSamples()) sb.append("  error ").append(k.yamlName()).append(": ").append(s).append('\n');
            for (String s : o.restoreErrorSamples()) sb.append("  restore ").append(k.yamlName()).append(": ").append(s).append('\n');
            for (String s : o.nonZeroExitSamples()) sb.append("  exit ").append(k.yamlName()).append(": ").append(s).append('\n');
        }
        r.failure().ifPresent(f -> sb.append("run stopped: ").append(f).append('\n'));
        return sb.toString();
    }

    /** {@code mark}: per percentile ({@code p50}, {@code p99}, {@code p999}, {@code max}) the prefix of its value. */
    private static void row(StringBuilder sb, String name, long count, double perSec, LatencySummary l, long errors,
                            java.util.function.UnaryOperator<String> mark) {
        sb.append(String.format(Locale.ROOT, "%-18s %12d %12.0f %10s %10s %10s %10s %8s%n", name, count, perSec,
                mark.apply("p50") + nanos(l.p50Nanos()), mark.apply("p99") + nanos(l.p99Nanos()),
                mark.apply("p999") + nanos(l.p999Nanos()), mark.apply("max") + nanos(l.maxNanos()),
                errors < 0 ? "" : Long.toString(errors)));
    }

    /** 1234 → "1.2µs", 1_500_000 → "1.50ms". */
    static String nanos(long ns) {
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.1fµs", ns / 1e3);
        if (ns < 1_000_000_000) return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        return String.format(Locale.ROOT, "%.2fs", ns / 1e9);
    }
}
