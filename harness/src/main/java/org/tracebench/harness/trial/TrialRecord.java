package org.tracebench.harness.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.completeness.CompletenessChecker;
import org.tracebench.harness.sampling.CpuSummary;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.result.IterationResult;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.Tracer;

/** What one trial collected, as it goes; turns into trial.json (schema {@code tracebench-trial/1}, docs/design.md). */
final class TrialRecord {
    final TrialSpec spec;
    final Tracer tracer;
    final Map<String, Object> timings = new LinkedHashMap<>();
    String invalidReason;
    java.time.Instant startedAt;
    long loadPid = -1;
    CpuSummary cpu;
    TraceOutcome outcome;
    Map<String, Object> load = Map.of();
    CompletenessChecker checker;
    /** Events a launching tracer reported before the sentinel, left out of every count; null for an attaching one. */
    Long eventsBeforeSentinel;
    /** What the tracer's parser could not read, or null before the events were parsed. */
    org.tracebench.tracers.ParseDiagnostics parsing;
    List<String> extraStderr = List.of();
    /** What the trial's cleanup could not do (trial.json {@code cleanupProblem}), null when it did everything. */
    String cleanupProblem;
    String pipelineProblem;
    /** The suite's pinning as applied (mode, CPUs of the load generator and of the tracer), or null without. */
    Map<String, Object> pinning;
    /** How often the tracer ran on a worker's CPU ({@link org.tracebench.harness.sampling.Placement}), or null. */
    Map<String, Object> cpuPlacement;
    Map<String, Double> harnessThreadsMillis;
    Map<String, Object> window = Map.of();
    boolean tracerDied;

    TrialRecord(TrialSpec spec, Tracer tracer) {
        this.spec = spec;
        this.tracer = tracer;
    }

    void phase(String name, long startNanos) {
        timings.put(name + "Seconds", Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
    }

    /** Adds {@code problem} to {@link #cleanupProblem}. */
    void cleanupProblem(String problem) {
        cleanupProblem = cleanupProblem == null ? problem : cleanupProblem + " " + problem;
    }

    /** The first reason wins: later failures are usually consequences. */
    void invalid(String reason) {
        if (invalidReason == null) invalidReason = reason;
    }

    boolean ok() {
        return invalidReason == null && !load.isEmpty() && cpu != null;
    }

    List<String> stderrTail() {
        List<String> out = new ArrayList<>(extraStderr);
        if (outcome != null) out.addAll(outcome.stderrTail());
        return out;
    }

    double throughput() {
        double sum = 0;
        boolean any = false;
        if (load.get("ops") instanceof Map<?, ?> ops) {
            for (Object v : ops.values()) {
                if (v instanceof Map<?, ?> m && m.get("opsPerSecond") instanceof Number n) {
                    sum += n.doubleValue();
                    any = true;
                }
            }
        }
        return any ? sum : Double.NaN;
    }

    /**
     * With a rate, load.json's iteration latency: from each iteration's intended start, coordinated-omission
     * corrected; it holds the unfinished iterations too (the time they had waited by the window's end, a lower bound).
     * Null for a closed loop (iterations timed from their actual start) or when the histogram holds no iteration.
     */
    Object iterationLatency() {
        if (load.get("rate") == null || !(load.get("iterations") instanceof Map<?, ?> it)) return null;
        long held = IterationResult.inLatency(it);
        return held > 0 && it.get("latencyNanos") instanceof Map<?, ?> lat ? lat : null;
    }

    /** With a rate: load.json's iterations.unfinished (0 from a load generator before it); 0 for a closed loop. */
    long iterationsUnfinished() {
        return load.get("rate") != null && load.get("iterations") instanceof Map<?, ?> it
                && it.get("unfinished") instanceof Number n ? n.longValue() : 0;
    }

    double measuredSeconds() {
        return load.get("durationSeconds") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    double warmupSeconds() {
        return load.get("warmupSeconds") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * How many CPUs the load's workers may use: as sampled from their threads (cpuPlacement), else the pinned load's
     * (pinning.loadCpus), else this harness's, which an unpinned load inherits; null when none can be read.
     */
    Integer workerCpus() {
        if (cpuPlacement != null && cpuPlacement.get("workerCpus") instanceof Number n && n.intValue() > 0) return n.intValue();
        try {
            if (pinning != null && pinning.get("loadCpus") instanceof String cpus) return CpuAffinity.parseList(cpus).size();
            return CpuAffinity.allowedCpus().size();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    Map<String, Object> toJson(TrialSettings settings) {
        if (invalidReason == null && load.isEmpty()) invalidReason = "The load generator wrote no result.";
        if (invalidReason == null && cpu == null) invalidReason = "The trial's measurement window was not sampled.";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-trial/1");
        m.put("status", ok() ? "ok" : "invalid");
        m.put("invalidReason", ok() ? null : invalidReason);
        // issue 7: a matrix configuration or a sweep level is its own configuration in reports (summaries group by
        // these two), so they carry the label; "backend" and "placement" keep the parts.
        m.put("tracer", spec.tracer().label());
        m.put("workload", spec.workloadLabel());
        m.put("workers", spec.workers());
        m.put("workerCpus", workerCpus()); // more workers than this: the oversubscribed warning
        m.put("repetition", spec.repetition());
        m.put("startedAt", startedAt == null ? null : startedAt.toString());
        m.put("measuredSeconds", measuredSeconds());
        m.put("tracerExitCode", outcome != null && (tracerDied || outcome.diedEarly()) ? (Object) outcome.exitCode() : null);
        m.put("throughputOpsPerSecond", throughput());
        m.put("ratePerWorker", load.get("rate")); // iterations/s per worker (open loop), null for a closed loop
        m.put("iterationLatencyNanos", iterationLatency()); // open loop: the latency at that rate; ops' are service times
        m.put("iterationsUnfinished", load.get("rate") == null ? null : (Object) iterationsUnfinished()); // lower bounds
        m.put("ops", load.getOrDefault("ops", Map.of()));
        m.put("cpuCores", cpu == null ? null : cpu.toCpuCoresMap());
        if (checker != null) m.put("completeness", checker.completeness());
        // the events without a path the kinds' shares counted: over all kinds, at most one operation each
        if (checker != null) m.put("completenessUnmatchedEvents", checker.unmatchedEventsCounted());
        m.put("lostEvents", outcome == null || outcome.lostEvents() < 0 ? null : (Object) outcome.lostEvents());
        if (outcome != null && outcome.lostRecords() >= 0) m.put("lostRecords", outcome.lostRecords()); // ftrace's, 2 per syscall
        m.put("stderrTail", String.join("\n", stderrTail()));
        // Beyond the contract: what a reader needs to trust or reproduce the trial.
        // whether the load generator ran its ops through the JDK internals (loadgen.sys) or the slower public APIs
        m.put("loadJdkInternals", load.get("jdkInternals"));
        if (load.get("jdkInternalsUnavailable") != null) m.put("loadJdkInternalsUnavailable", load.get("jdkInternalsUnavailable"));
        if (load.get("foreignStat") != null) m.put("loadForeignStat", load.get("foreignStat"));
        if (load.get("foreignStatUnavailable") != null) m.put("loadForeignStatUnavailable", load.get("foreignStatUnavailable"));
        m.put("number", spec.number());
        m.put("backend", spec.tracer().name());
        m.put("baseWorkload", spec.workload());
        m.put("tracerVariant", spec.tracer().variant());
        m.put("placement", spec.toMap().get("placement"));
        m.put("window", window);
        if (pinning != null) m.put("pinning", pinning);
        if (cpuPlacement != null) m.put("cpuPlacement", cpuPlacement);
        m.put("tracerOptions", new LinkedHashMap<>(spec.tracer().options()));
        m.put("taskFile", spec.taskFile().toString());
        m.put("loadPid", loadPid);
        m.put("timings", timings);
        if (cpu != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("intervalMillis", settings.samplingInterval().toMillis());
            s.put("samples", cpu.samples());
            s.put("windowSeconds", Math.round(cpu.windowSeconds() * 1000) / 1000.0);
            s.put("gapSeconds", Double.isNaN(cpu.gapSeconds()) ? null : Math.round(cpu.gapSeconds() * 1000) / 1000.0);
            s.put("loadMaxRssBytes", cpu.loadMaxRssBytes());
            s.put("tracerMaxRssBytes", cpu.tracerMaxRssBytes());
            m.put("sampling", s);
        }
        if (outcome != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("exitCode", outcome.exitCode());
            o.put("diedEarly", outcome.diedEarly());
            o.put("tracerPids", outcome.tracerPids());
            o.put("outputBytes", outcome.outputBytes());
            m.put("tracerOutcome", o);
        }
        if (checker != null) {
            m.put("events", checker.events());
            if (eventsBeforeSentinel != null) m.put("eventsBeforeSentinel", eventsBeforeSentinel);
            m.put("eventsPerOp", checker.eventsPerOp());
            m.put("syscalls", checker.syscalls());
            m.put("accessedFilesTruncated", checker.accessedTruncated());
            if (parsing != null && (parsing.unparsedLines() >= 0 || parsing.unresolvedPaths() >= 0)) m.put("parsing", parsingJson());
            m.put("capabilityNotes", tracer.capabilities(spec.tracer().options()).notes());
        }
        if (cleanupProblem != null) m.put("cleanupProblem", cleanupProblem);
        if (pipelineProblem != null) m.put("pipelineProblem", pipelineProblem);
        if (harnessThreadsMillis != null) m.put("harnessThreadsMillis", harnessThreadsMillis);
        return m;
    }

    /** Counts the parser kept (null where it keeps none): reports warn when one is above 0 (unparsed-output). */
    private Map<String, Object> parsingJson() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("unparsedLines", parsing.unparsedLines() < 0 ? null : (Object) parsing.unparsedLines());
        p.put("unresolvedPaths", parsing.unresolvedPaths() < 0 ? null : (Object) parsing.unresolvedPaths());
        p.put("unparsedSamples", parsing.unparsedSamples());
        return p;
    }

    TrialResult toResult() {
        long unfinished = iterationsUnfinished();
        return new TrialResult(ok(), ok() ? null : invalidReason, throughput(), cpu,
                checker == null ? Map.of() : checker.completeness(), measuredSeconds(),
                warmupSeconds(), iterationLatency() instanceof Map<?, ?> lat && lat.get("p99") instanceof Number n
                        ? n.doubleValue() : Double.NaN, unfinished, IterationResult.lowerBound(unfinished,
                        IterationResult.lowerBoundFlags(load.get("iterations")), "p99"));
    }
}
