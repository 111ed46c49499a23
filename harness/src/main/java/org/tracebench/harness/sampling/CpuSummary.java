package org.tracebench.harness.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Means over a sampled window, in cores (1.0 = one core busy the whole window).
 *
 * @param loadCores    the load generator's processes (its cgroup's cpu.stat where available)
 * @param tracerCores  every tracer process
 * @param systemCores  whole machine busy: every CPU's wall time less idle, iowait and steal ({@link MachineCpu})
 * @param kernelCores  whole machine in the kernel: busy × the system + irq + softirq share of the busy clock ticks
 * @param harnessCores this harness JVM
 * @param stealCores   whole machine: time the hypervisor ran something else on this VM's CPUs (steal)
 * @param otherUserCores user CPU of processes other than the load, the tracer and the harness (the machine's user
 *                     share of busy less theirs): a lower bound of what other processes took
 * @param loadMaxRssBytes   largest RSS of the load generator seen
 * @param tracerMaxRssBytes largest summed RSS of the tracer processes seen
 * @param windowSeconds     wall time between the samples nearest the measured window's start and end
 * @param samples           rows written to system.csv
 * @param gapSeconds        the longest stretch of the measured window without a sample, its edges included (NaN unknown)
 * @param tracerUserCores   the user-space part of {@code tracerCores}, between the same samples (NaN unknown); the
 *                          rest is the tracer processes' system time
 * @param loadUserCores     the user-space part of {@code loadCores}, between the same samples (NaN unknown); the rest
 *                          is the load generator's system time, the (c) estimate's input (docs/fidelity.md)
 */
public record CpuSummary(double loadCores, double tracerCores, double systemCores, double kernelCores, double harnessCores,
                         double stealCores, double otherUserCores, long loadMaxRssBytes, long tracerMaxRssBytes, double windowSeconds, int samples,
                         double gapSeconds, double tracerUserCores, double loadUserCores) {

    /** A summary without the load generator's user/system split. */
    public CpuSummary(double loadCores, double tracerCores, double systemCores, double kernelCores, double harnessCores,
                      double stealCores, double otherUserCores, long loadMaxRssBytes, long tracerMaxRssBytes, double windowSeconds,
                      int samples, double gapSeconds, double tracerUserCores) {
        this(loadCores, tracerCores, systemCores, kernelCores, harnessCores, stealCores, otherUserCores, loadMaxRssBytes,
                tracerMaxRssBytes, windowSeconds, samples, gapSeconds, tracerUserCores, Double.NaN);
    }

    /** A summary without the tracer's user/system split. */
    public CpuSummary(double loadCores, double tracerCores, double systemCores, double kernelCores, double harnessCores,
                      double stealCores, double otherUserCores, long loadMaxRssBytes, long tracerMaxRssBytes, double windowSeconds,
                      int samples, double gapSeconds) {
        this(loadCores, tracerCores, systemCores, kernelCores, harnessCores, stealCores, otherUserCores, loadMaxRssBytes,
                tracerMaxRssBytes, windowSeconds, samples, gapSeconds, Double.NaN);
    }

    /** A summary whose sampling gaps are unknown. */
    public CpuSummary(double loadCores, double tracerCores, double systemCores, double kernelCores, double harnessCores,
                      double stealCores, double otherUserCores, long loadMaxRssBytes, long tracerMaxRssBytes, double windowSeconds,
                      int samples) {
        this(loadCores, tracerCores, systemCores, kernelCores, harnessCores, stealCores, otherUserCores, loadMaxRssBytes,
                tracerMaxRssBytes, windowSeconds, samples, Double.NaN);
    }

    /**
     * Why the CPU figures cannot be trusted (a sentence that says what to do), or null: the harness went longer than
     * twice {@code intervalMillis} (at least 250 ms) without a sample inside the window.
     */
    public String samplingProblem(long intervalMillis) {
        return SampledWindow.gapProblem(gapSeconds, intervalMillis);
    }

    /** The {@code cpuCores} object of trial.json. */
    public Map<String, Object> toCpuCoresMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("load", round(loadCores));
        m.put("loadUser", round(loadUserCores)); // loadUser + loadSystem = load, as for the tracer
        m.put("loadSystem", round(loadCores - loadUserCores));
        m.put("tracer", round(tracerCores));
        m.put("tracerUser", round(tracerUserCores)); // tracerUser + tracerSystem = tracer, one source, one interval
        m.put("tracerSystem", round(tracerCores - tracerUserCores));
        m.put("system", round(systemCores));
        m.put("kernel", round(kernelCores));
        m.put("harness", round(harnessCores));
        m.put("steal", round(stealCores));
        m.put("otherUser", round(otherUserCores));
        return m;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e5) / 1e5 : Double.NaN;
    }
}
