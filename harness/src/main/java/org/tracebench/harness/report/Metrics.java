package org.tracebench.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The per-trial metrics of summary.csv (names and units in docs/design.md), unknown values left out. */
public final class Metrics {
    private Metrics() {}

    /** A metric's value and unit. */
    public record Value(double value, String unit) {}

    public static final String THROUGHPUT = "throughput";
    /** Per op kind ({@code latency_mean.<op>}, ns): what {@link OpSlowdowns} compares. */
    public static final String LATENCY_MEAN = "latency_mean";
    /**
     * Open loop only ({@code iteration_latency_p50}, {@code _p99}, {@code _p999}, {@code _max}, ns): whole iterations
     * from their intended start, the latency at the rate; the per-op latencies are then service times.
     */
    public static final String ITERATION_LATENCY = "iteration_latency";
    /**
     * Open loop only: iterations the window's end left unfinished; above 0 some iteration latencies may be lower
     * bounds, and {@code iteration_latency_<q>_lower_bound} (bool) says which.
     */
    public static final String ITERATIONS_UNFINISHED = "iterations_unfinished";
    /** Suffix of the open loop's per-percentile flags: 1 where that iteration latency is a lower bound in the trial. */
    public static final String LOWER_BOUND = "_lower_bound";
    public static final String CPU_LOAD = "cpu_load";
    public static final String CPU_TRACER = "cpu_tracer";
    public static final String CPU_SYSTEM = "cpu_system";
    public static final String CPU_KERNEL = "cpu_kernel";
    public static final String CPU_HARNESS = "cpu_harness";
    /** Whole machine: CPU the hypervisor gave to others while this VM wanted it. */
    public static final String CPU_STEAL = "cpu_steal";
    /** Whole machine: user CPU of processes other than the load, the tracer and the harness. */
    public static final String CPU_OTHER_USER = "cpu_other_user";
    public static final String LOST_EVENTS = "lost_events";
    /** Share of samples in which the tracer last ran on a worker's CPU (trial.json cpuPlacement). */
    public static final String TRACER_ON_WORKER_CPU = "tracer_on_worker_cpu";

    /** Metrics of a valid trial in a fixed order (newer ones last); empty for a trial that is not ok. */
    public static Map<String, Value> of(Trial t) {
        Map<String, Value> m = new LinkedHashMap<>();
        if (!t.ok()) return m;
        put(m, THROUGHPUT, t.throughputOpsPerSecond(), "ops/s");
        t.ops().forEach((op, o) -> put(m, THROUGHPUT + "." + op, o.opsPerSecond(), "ops/s"));
        t.ops().forEach((op, o) -> put(m, "latency_p50." + op, o.p50Nanos(), "ns"));
        t.ops().forEach((op, o) -> put(m, "latency_p99." + op, o.p99Nanos(), "ns"));
        t.ops().forEach((op, o) -> put(m, LATENCY_MEAN + "." + op, o.meanNanos(), "ns"));
        Trial.CpuCores c = t.cpuCores();
        put(m, CPU_LOAD, c.load(), "cores");
        put(m, CPU_TRACER, c.tracer(), "cores");
        put(m, CPU_SYSTEM, c.system(), "cores");
        put(m, CPU_KERNEL, c.kernel(), "cores");
        put(m, CPU_HARNESS, c.harness(), "cores");
        put(m, CPU_STEAL, c.steal(), "cores");
        put(m, CPU_OTHER_USER, c.otherUser(), "cores");
        put(m, TRACER_ON_WORKER_CPU, t.tracerOnWorkerCpuShare(), "ratio");
        t.completeness().forEach((op, k) -> { if (k.observable()) put(m, "completeness." + op, k.ratio(), "ratio"); });
        t.completeness().forEach((op, k) -> { if (k.observable()) put(m, "path_recall." + op, k.pathRecall(), "ratio"); });
        if (t.lostEvents() != null) put(m, LOST_EVENTS, t.lostEvents(), "events");
        Trial.IterationLatency it = t.iterationLatency();
        put(m, ITERATION_LATENCY + "_p50", it.p50Nanos(), "ns");
        put(m, ITERATION_LATENCY + "_p99", it.p99Nanos(), "ns");
        put(m, ITERATION_LATENCY + "_p999", it.p999Nanos(), "ns");
        put(m, ITERATION_LATENCY + "_max", it.maxNanos(), "ns");
        if (it.unfinished() >= 0) put(m, ITERATIONS_UNFINISHED, it.unfinished(), "iterations");
        if (it.unfinished() >= 0 && it.known()) { // report.md's ≥, per percentile
            for (String q : new String[] {"p50", "p99", "p999", "max"}) {
                put(m, ITERATION_LATENCY + "_" + q + LOWER_BOUND, it.lowerBound(q) ? 1 : 0, "bool");
            }
        }
        return m;
    }

    private static void put(Map<String, Value> m, String name, double v, String unit) {
        if (!Double.isNaN(v)) m.put(name, new Value(v, unit));
    }
}
