package org.tracebench.loadgen.result;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.tracebench.loadgen.op.OpKind;

/**
 * The outcome of one load run; {@link #toJson} renders the contract of docs/design.md ("Load result JSON").
 *
 * @param rate            iterations per second per worker, or null for a closed loop
 * @param histograms      merged per-kind latency histograms (ns), written to the .hlog, not to the JSON
 * @param timeSeries      successful ops per kind per second of the measured window
 * @param failure         why the run ended early (fail-fast), else empty
 * @param stoppedEarly    true when STOP or fail-fast ended the run before its duration
 * @param jitCompiler     CPU of the JVM's JIT compiler threads during the warm-up and the measured window, or null
 *                        where /proc cannot say
 */
public record LoadResult(TaskInfo task, int workers, double durationSeconds, double warmupSeconds, Double rate,
                         String launchMechanism, long pid, Instant startedAt, Map<OpKind, OpResult> ops,
                         IterationResult iterations, List<Map<OpKind, Long>> timeSeries, GroundTruth groundTruth,
                         Map<OpKind, Histogram> histograms, Optional<String> failure, boolean stoppedEarly,
                         CompilerCpu jitCompiler) {
    public static final String SCHEMA = "tracebench-load/1";
    /** The share of attempted operations that may fail before a run's throughput measures failures (docs/load-ops.md). */
    public static final double MAX_FAILED_SHARE = 0.01;

    /**
     * True when {@code failed} of {@code done + failed} attempted operations are too many: more than
     * {@link #MAX_FAILED_SHARE} of them and more than one per worker (the window's end may kill an exec child per worker).
     */
    public static boolean tooManyFailed(long done, long failed, int workers) {
        return failed > Math.max(0, workers) && failed > MAX_FAILED_SHARE * (done + failed);
    }

    /**
     * Milliseconds the JIT compiler threads ran during the warm-up and during the measured window (from just before
     * it): compilation competes with the load for the CPU, so a measured value far above zero says the pre-READY JIT
     * warm-up and the warm-up were too short for this task. Lower bounds (a compiler thread that ends takes its time
     * along); negative when unknown.
     */
    public record CompilerCpu(double warmupMillis, double measuredMillis) {}

    /** Where the task came from; {@code format} is {@code legacy} or {@code v2}. */
    public record TaskInfo(String name, String source, String format) {}

    public LoadResult {
        ops = Map.copyOf(ops);
        timeSeries = List.copyOf(timeSeries);
        histograms = Map.copyOf(histograms);
    }

    /** This result with the ground truth's canonical paths ({@link GroundTruth#withRealPaths}); before cleanup. */
    public LoadResult withRealPaths() {
        return new LoadResult(task, workers, durationSeconds, warmupSeconds, rate, launchMechanism, pid, startedAt, ops,
                iterations, timeSeries, groundTruth.withRealPaths(), histograms, failure, stoppedEarly, jitCompiler);
    }

    /** Total successful ops per second over all kinds. */
    public double totalOpsPerSecond() {
        return ops.values().stream().mapToDouble(OpResult::opsPerSecond).sum();
    }

    /** Successful operations of the measured window, over all kinds. */
    public long completedOps() {
        return ops.values().stream().mapToLong(OpResult::count).sum();
    }

    /** Failed operations of the measured window, over all kinds. */
    public long failedOps() {
        return ops.values().stream().mapToLong(OpResult::errors).sum();
    }

    /** How an error sample taken in the warm-up begins; the window's samples have no prefix. */
    public static final String WARM_UP_SAMPLE = "(warm-up) ";

    /**
     * Up to {@code n} distinct error samples ({@link #firstErrors(List, int)}), kinds in task-file order of
     * {@link OpKind}, the measured window's first.
     */
    public List<String> firstErrors(int n) {
        List<Map.Entry<String, String>> samples = new java.util.ArrayList<>();
        for (OpKind k : OpKind.values()) {
            if (ops.containsKey(k)) for (String e : ops.get(k).errorSamples()) samples.add(Map.entry(k.yamlName(), e));
        }
        return firstErrors(samples, n);
    }

    /**
     * Up to {@code n} distinct "kind: sample" of {@code samples} (kind, sample), first seen first: the measured
     * window's, as the failure counts they explain are the window's; warm-up ones ({@link #WARM_UP_SAMPLE}) only
     * when the window has none.
     */
    public static List<String> firstErrors(List<Map.Entry<String, String>> samples, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (boolean warmUp : new boolean[] {false, true}) {
            if (!out.isEmpty()) break;
            for (Map.Entry<String, String> e : samples) {
                String named = e.getKey() + ": " + e.getValue();
                if (e.getValue().startsWith(WARM_UP_SAMPLE) == warmUp && out.size() < n && !out.contains(named)) {
                    out.add(named);
                }
            }
        }
        return out;
    }

    /** The JSON contract, keys in the documented order; {@code histogramLog} is the .hlog path or null. */
    public Map<String, Object> toJson(String histogramLog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", task.name());
        t.put("source", task.source());
        t.put("format", task.format());
        m.put("task", t);
        m.put("workers", workers);
        m.put("durationSeconds", round3(durationSeconds));
        m.put("warmupSeconds", round3(warmupSeconds));
        m.put("rate", rate);
        m.put("launchMechanism", launchMechanism);
        // whether read/open/truncate/exec ran through the JDK's internal wrappers (JdkInternals) in this JVM
        m.put("jdkInternals", org.tracebench.loadgen.sys.JdkInternals.available());
        if (!org.tracebench.loadgen.sys.JdkInternals.available())
            m.put("jdkInternalsUnavailable", org.tracebench.loadgen.sys.JdkInternals.unavailableReason());
        if (ops.containsKey(OpKind.STAT)) { // only then: the lookup links a downcall, which costs tens of ms
            // whether stat called glibc's stat through the foreign-function API (ForeignStat) or File.exists()
            m.put("foreignStat", org.tracebench.loadgen.sys.ForeignStat.available());
            if (!org.tracebench.loadgen.sys.ForeignStat.available())
                m.put("foreignStatUnavailable", org.tracebench.loadgen.sys.ForeignStat.unavailableReason());
        }
        if (jitCompiler != null) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("warmup", jitCompiler.warmupMillis() < 0 ? null : round3(jitCompiler.warmupMillis()));
            j.put("measured", jitCompiler.measuredMillis() < 0 ? null : round3(jitCompiler.measuredMillis()));
            m.put("jitCompilerCpuMillis", j);
        }
        m.put("pid", pid);
        m.put("startedAt", startedAt.toString());
        Map<String, Object> o = new LinkedHashMap<>();
        for (OpKind k : OpKind.values()) if (ops.containsKey(k)) o.put(k.yamlName(), ops.get(k).toJson());
        m.put("ops", o);
        m.put("totalOpsPerSecond", Math.round(totalOpsPerSecond() * 100) / 100.0);
        m.put("iterations", iterations.toJson());
        List<Object> ts = new java.util.ArrayList<>();
        for (int s = 0; s < timeSeries.size(); s++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("second", s);
            Map<String, Object> counts = new LinkedHashMap<>();
            for (OpKind k : OpKind.values()) {
                Long n = timeSeries.get(s).get(k);
                if (n != null) counts.put(k.yamlName(), n);
            }
            point.put("ops", counts);
            ts.add(point);
        }
        m.put("timeSeries", ts);
        m.put("groundTruth", groundTruth.toJson());
        m.put("histogramLog", histogramLog);
        m.put("stoppedEarly", stoppedEarly);
        m.put("failure", failure.orElse(null));
        return m;
    }

    private static double round3(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
