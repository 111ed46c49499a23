package org.tracebench.harness.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.pairing.PairedAnalysis;

/**
 * A tracer configuration's cost split three ways (issue 7), from its paired trials:
 * (a) the workload's slowdown against {@code none} (within-pair throughput and p99 ratios, and the extra time per
 * operation); (b) the tracer's own processes (CPU, user/system, largest RSS, context switches); (c) kernel time on
 * the tracer's behalf — measured for BPF tracers as their programs' run time with BPF statistics on, and otherwise
 * estimated as the load generator's extra system CPU per operation against its paired baselines (an estimate: it
 * also holds any other change in the workload's own kernel time, and misses kernel work done in the tracer's
 * context, which (b) counts as the tracer's system CPU). Per-operation figures divide by the tracer trials' throughput.
 *
 * @param extraMicrosPerOp   (a) workers/throughput − the baselines' workers/throughput, µs per operation and worker;
 *                           NaN in an open loop, whose throughput is the fixed rate whenever it keeps up (its cost shows
 *                           in the iteration p99 ratio instead)
 * @param tracerCores        (b) tracer process CPU, with its user and system parts, from the sampler over the measured
 *                           window (trial.json cpuCores, warm-up excluded, as the throughput); parts NaN in older results
 * @param tracerContextSwitchesPerSecond (b) from the trial window, GO to END (warm-up included)
 * @param tracerMicrosPerOp  (b) tracer process CPU per operation, µs
 * @param kernelMicrosPerOp  (c) kernel CPU on the tracer's behalf per operation, µs
 * @param kernelMeasured     true: (c) measured from BPF statistics; false: estimated from system time
 * @param kernelInWindow     true: (c) over the measured window, warm-up excluded, as the throughput it is divided by
 *                           (the estimate, from the sampler's cpuCores.loadSystem); false: GO to END, warm-up included
 *                           (BPF statistics, and the estimate from results written before cpuCores.loadSystem)
 * @param openLoop           the task fixed the rate (open loop): (a) is not applicable
 * @param p99Bound           which way unfinished iterations leave the iteration p99 ratio bounded
 */
public record OverheadSplit(String label, String backend, String variant, String workload, int workers,
                            PairRatios throughput, PairRatios p99, double throughputOpsPerSecond,
                            double baselineOpsPerSecond, double extraMicrosPerOp, double tracerCores,
                            double tracerUserCores, double tracerSystemCores, double tracerMaxRssBytes,
                            double tracerContextSwitchesPerSecond, double tracerMicrosPerOp, double kernelCores,
                            double kernelMicrosPerOp, boolean kernelMeasured, boolean kernelInWindow,
                            double bpfNsPerHit, double bpfHitsPerOp, boolean openLoop, PairRatios.Bound p99Bound) {

    /** The split of every paired configuration. */
    public static List<OverheadSplit> of(PairedAnalysis paired) {
        List<OverheadSplit> out = new ArrayList<>();
        for (PairedAnalysis.Config c : paired.configs()) out.add(of(c));
        return out;
    }

    static OverheadSplit of(PairedAnalysis.Config c) {
        List<TrialRow> t = c.tracerRows(), b = c.baselineRows();
        double thrT = mean(t, TrialRow::throughput), thrB = mean(b, TrialRow::throughput);
        double extra = c.openLoop() ? Double.NaN : c.workers() * (1 / thrT - 1 / thrB) * 1e6;
        double tracerCores = mean(t, TrialRow::tracerCores);
        // the parts only where every trial has them, so that user + system = the total over the same trials
        boolean split = t.stream().allMatch(r -> !Double.isFinite(r.tracerCores())
                || Double.isFinite(r.tracerUserCores()) && Double.isFinite(r.tracerSystemCores()));
        long runNs = 0, runCnt = 0;
        double bpfCoresSum = 0;
        int bpfTrials = 0;
        for (TrialRow r : t) {
            Map<?, ?> s = r.bpfStats();
            if (s.isEmpty()) continue;
            runNs += TrialRow.lng(s.get("runTimeNs"));
            runCnt += TrialRow.lng(s.get("runCount"));
            bpfCoresSum += TrialRow.num(s.get("cores"));
            bpfTrials++;
        }
        boolean measured = bpfTrials > 0;
        double kernelCores;
        // the sampler's measured window where every trial has it; else (older results) the probe's GO to END
        boolean inWindow = !measured && java.util.stream.Stream.concat(t.stream(), b.stream())
                .allMatch(r -> Double.isFinite(r.loadSystemCores()));
        if (measured) {
            kernelCores = bpfCoresSum / bpfTrials;
        } else {
            // per operation, so a tracer that slows the workload down is not credited with the system time the
            // workload no longer spends: extra system CPU per op against the paired baselines, never negative
            java.util.function.ToDoubleFunction<TrialRow> sys = inWindow ? TrialRow::loadSystemCores
                    : r -> r.windowNum("loadSystemCores");
            double perOp = mean(t, sys) / thrT - mean(b, sys) / thrB;
            kernelCores = Math.max(0, perOp) * thrT;
        }
        double nsPerHit = runCnt == 0 ? Double.NaN : (double) runNs / runCnt;
        double hitsPerOp = measured ? (double) runCnt / bpfTrials / mean(t, r -> r.windowNum("windowSeconds")) / thrT : Double.NaN;
        return new OverheadSplit(c.label(), c.backend(), c.variant(), c.workload(), c.workers(), c.throughput(), c.p99(),
                thrT, thrB, extra, tracerCores, split ? mean(t, TrialRow::tracerUserCores) : Double.NaN,
                split ? mean(t, TrialRow::tracerSystemCores) : Double.NaN,
                mean(t, r -> (double) r.tracerMaxRssBytes()),
                mean(t, r -> r.windowNum("tracerContextSwitchesPerSecond")), tracerCores / thrT * 1e6, kernelCores,
                kernelCores / thrT * 1e6, measured, inWindow, nsPerHit, hitsPerOp, c.openLoop(), c.p99Bound());
    }

    /** (a) without the part (c) explains, never negative; NaN in an open loop. */
    public double slowdownBeyondKernelMicrosPerOp() {
        return Math.max(0, extraMicrosPerOp - kernelMicrosPerOp);
    }

    /**
     * The cost the cheapest-configuration choice minimizes: extra time per operation (a) plus tracer CPU per operation
     * (b); in an open loop, where (a) is not applicable, kernel CPU on the tracer's behalf (c) plus (b).
     */
    public double costMicrosPerOp() {
        return openLoop ? Math.max(0, kernelMicrosPerOp) + tracerMicrosPerOp : Math.max(0, extraMicrosPerOp) + tracerMicrosPerOp;
    }

    /** JSON-ready. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracer", label);
        m.put("backend", backend);
        m.put("variant", variant);
        m.put("workload", workload);
        m.put("workers", workers);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("throughputRatio", throughput.toMap());
        a.put("iterationP99Ratio", p99.toLatencyMap(p99Bound));
        a.put("throughputOpsPerSecond", fin(throughputOpsPerSecond));
        a.put("baselineOpsPerSecond", fin(baselineOpsPerSecond));
        a.put("extraMicrosPerOp", fin(extraMicrosPerOp));
        a.put("openLoop", openLoop);
        if (openLoop) a.put("note", "not applicable at a fixed rate: the throughput is the rate whenever the load keeps up;"
                + " see iterationP99Ratio (cost = (c) + (b))");
        m.put("workloadSlowdown", a);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("cpuCores", fin(tracerCores));
        b.put("userCores", fin(tracerUserCores));
        b.put("systemCores", fin(tracerSystemCores));
        b.put("cpuInterval", "measured window, warm-up excluded (sampler: cpuCores.tracer, tracerUser, tracerSystem)");
        b.put("contextSwitchesInterval", "GO to END, warm-up included (trial window)");
        b.put("maxRssBytes", fin(tracerMaxRssBytes));
        b.put("contextSwitchesPerSecond", fin(tracerContextSwitchesPerSecond));
        b.put("microsPerOp", fin(tracerMicrosPerOp));
        m.put("tracerProcesses", b);
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("method", kernelMeasured ? "measured: BPF program run time (kernel.bpf_stats_enabled)"
                : "estimate: the load generator's extra system CPU per operation against its paired baselines");
        k.put("measured", kernelMeasured);
        k.put("interval", kernelInWindow ? "measured window, warm-up excluded (sampler: cpuCores.loadSystem)"
                : "GO to END, warm-up included (trial window: " + (kernelMeasured ? "bpfStats" : "loadSystemCores") + ")");
        k.put("cores", fin(kernelCores));
        k.put("microsPerOp", fin(kernelMicrosPerOp));
        k.put("nsPerProbeHit", fin(bpfNsPerHit));
        k.put("probeHitsPerOp", fin(bpfHitsPerOp));
        m.put("kernelOnBehalf", k);
        return m;
    }

    private static Object fin(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static double mean(List<TrialRow> rows, java.util.function.ToDoubleFunction<TrialRow> f) {
        double s = 0;
        int n = 0;
        for (TrialRow r : rows) {
            double v = f.applyAsDouble(r);
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
