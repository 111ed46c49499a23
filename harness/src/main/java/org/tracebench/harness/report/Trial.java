package org.tracebench.harness.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One trial as read from its directory. Unknown numbers are NaN (or null for lostEvents / tracerExitCode), never 0.
 * An {@link Status#UNFINISHED} trial has no trial.json: only the fields parsed from its directory name are set.
 * {@code publicApiReason} is why the load generator ran on the public JDK APIs instead of the JDK internals
 * (trial.json {@code loadJdkInternals: false}), else null. {@code tracerOnWorkerCpuShare} is trial.json's
 * {@code cpuPlacement.share} (NaN without). {@code ratePerWorker} is the task's fixed rate in iterations per second
 * per worker (open loop), NaN for a closed loop, for a level of a rate sweep (placement.offeredRatePerSecond: open
 * loop by design, with a report section of its own) or for a trial.json written before tracebench recorded it.
 * {@code unparsedLines} and {@code unresolvedPaths} are trial.json's {@code parsing} counts (null where the backend's
 * parser keeps none, or the trial.json predates them). {@code block} and {@code position} are trial.json's
 * {@code placement.block} and {@code placement.position} (where the trial sits in a paired ABBA block), 0 outside one.
 * {@code iterationLatency} is trial.json's {@code iterationLatencyNanos} (load.json's for a trial.json before it).
 * {@code sweepLevel}: a level of a rate sweep (trial.json {@code placement.offeredRatePerSecond}): a fixed rate whose
 * throughput is that rate while the load keeps up, so it has no × none ({@link Analysis}).
 * {@code unmatchedEvents} is trial.json's {@code completenessUnmatchedEvents}: the events without a path that the
 * kinds' upper-bound shares counted, each kind all it could (null in results before it: the shares are summed).
 */
public record Trial(Path dir, Status status, String invalidReason, String tracer, String workload, int workers,
                    int repetition, double measuredSeconds, Integer tracerExitCode, double throughputOpsPerSecond,
                    Map<String, Op> ops, CpuCores cpuCores, Map<String, Completeness> completeness, Long lostEvents,
                    String stderrTail, String publicApiReason, double tracerOnWorkerCpuShare, double ratePerWorker,
                    Long unparsedLines, Long unresolvedPaths, int block, int position,
                    IterationLatency iterationLatency, boolean sweepLevel, Long unmatchedEvents) {

    /**
     * ok, invalid (tracer died, load failed), unfinished (no trial.json: the suite was interrupted), or unreadable
     * (trial.json is not a JSON object with numbers where numbers belong: corrupt or edited; the reason says why).
     */
    public enum Status { OK, INVALID, UNFINISHED, UNREADABLE }

    /** One op kind's outcome; latencies in nanoseconds; {@code errorSamples} load.json's first error messages. */
    public record Op(long count, long errors, double opsPerSecond, double p50Nanos, double p90Nanos,
                     double p99Nanos, double p999Nanos, double maxNanos, double meanNanos, List<String> errorSamples) {
        public Op {
            errorSamples = errorSamples == null ? List.of() : List.copyOf(errorSamples);
        }
    }

    /**
     * Open loop (a rate) only: the latency of whole iterations from each one's intended start, coordinated-omission
     * corrected, in nanoseconds; {@link #UNKNOWN} (NaN) for a closed loop or where the histogram holds no iteration.
     * The ops' latencies are service times, from each op's actual start, so they stay small while the run falls behind.
     * {@code unfinished}: iterations the window's end left unfinished, in the histogram with the time they had waited
     * by then, so above 0 a figure may be a lower bound ({@link #lowerBound}); -1 unknown (a closed loop, or results
     * from before it). {@code lowerBounds}: load.json's {@code iterations.latencyNanosLowerBound}, null without it.
     */
    public record IterationLatency(double p50Nanos, double p99Nanos, double p999Nanos, double maxNanos, long unfinished,
                                   Map<?, ?> lowerBounds) {
        public static final IterationLatency UNKNOWN = new IterationLatency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1);

        /** Without load.json's per-percentile flags. */
        public IterationLatency(double p50Nanos, double p99Nanos, double p999Nanos, double maxNanos, long unfinished) {
            this(p50Nanos, p99Nanos, p999Nanos, maxNanos, unfinished, null);
        }

        /**
         * Whether percentile {@code q} ({@code "p50"}, {@code "p99"}, {@code "p999"}, {@code "max"}) is a lower bound:
         * as load.json's {@code iterations.latencyNanosLowerBound} ({@code lowerBounds}) says, or, in results without it
         * (null), whenever the window's end left iterations unfinished.
         */
        public boolean lowerBound(String q) {
            return org.tracebench.loadgen.result.IterationResult.lowerBound(unfinished, lowerBounds, q);
        }

        public boolean known() { return !Double.isNaN(p50Nanos); }
    }

    /**
     * Mean CPU over the measured window, in cores (1.0 = one core busy); {@code steal} is the CPU time the hypervisor
     * gave to something else while this VM wanted it; {@code otherUser} the user CPU of every other process;
     * {@code tracerSystem} the system-time part of {@code tracer} (each NaN in results written before tracebench
     * measured it).
     */
    public record CpuCores(double load, double tracer, double system, double kernel, double harness, double steal,
                           double otherUser, double tracerSystem) {
        static final CpuCores UNKNOWN = new CpuCores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * What the tracer saw of one op kind; observable false = blind by design. pathRecall NaN = unknown. seenAs: what
     * stood for the operation when the backend has no event of its own for it (fatrace: an exec as "OPEN of the
     * executable"), else null. countAttributed: some of {@code seen} are events without a path, as many as the kind
     * could have issued (trial.json {@code attribution} "count" or "path+count"), so ratio is an upper bound. seenByPath: the part of
     * seen matched by path (trial.json {@code seenByPath}; seen in results before it). notTracedByOption: why the
     * configuration's options left the kind, or part of it, untraced (trial.json {@code notTracedByOption}: "not
     * traced: the syscalls option leaves out chown, ..."), else null; with observable false the kind is
     * {@link #notTraced not traced}, not blind.
     */
    public record Completeness(long performed, long seen, double ratio, double pathRecall, boolean observable, String seenAs,
                               boolean countAttributed, long seenByPath, String notTracedByOption) {
        /** A result without notTracedByOption. */
        public Completeness(long performed, long seen, double ratio, double pathRecall, boolean observable, String seenAs,
                            boolean countAttributed, long seenByPath) {
            this(performed, seen, ratio, pathRecall, observable, seenAs, countAttributed, seenByPath, null);
        }

        /** True when the configuration's options left every call of the kind untraced: not observed, but no blind spot. */
        public boolean notTraced() {
            return !observable && notTracedByOption != null;
        }

        /** True when the backend cannot observe the kind by design. */
        public boolean blind() {
            return !observable && notTracedByOption == null;
        }
    }

    public boolean ok() { return status == Status.OK; }

    /**
     * Output lines the parser could not read (their events are lost to completeness); 0 unknown. Files the tracer
     * could not name are not counted: fatrace names every file deleted before it resolved it so (a bare "(deleted)"),
     * in every trial of a workload that deletes, and those events still count, without a path.
     */
    public long parseProblems() {
        return unparsedLines == null ? 0 : unparsedLines;
    }

    /** The directory's name, e.g. {@code 003-strace-mixed-w1-r2}. */
    public String name() { return dir.getFileName().toString(); }

    /** Whether some observable kind's share was counted from events without a path: {@link #seenObservableRatio} is an upper bound. */
    public boolean seenIsUpperBound() {
        return completeness.values().stream().anyMatch(c -> c.observable() && c.countAttributed());
    }

    /**
     * Seen / performed over every op kind (blind kinds count as unseen); NaN when nothing was performed. Where kinds
     * were counted without a path, each counted every such event it could have issued, so the seen operations are at
     * most their {@code seenByPath} plus {@link #unmatchedEvents} (one operation per event), not the sum of the kinds'.
     */
    public double seenOverallRatio() {
        return seenRatio(false);
    }

    /** Seen / performed over the kinds the tracer can observe (blind ones left out); NaN when there are none. */
    public double seenObservableRatio() {
        return seenRatio(true);
    }

    private double seenRatio(boolean observableOnly) {
        long performed = 0, seen = 0, byPath = 0;
        for (Completeness c : completeness.values()) {
            if (observableOnly && !c.observable()) continue;
            performed += c.performed();
            seen += Math.min(c.seen(), c.performed());
            byPath += Math.min(c.seenByPath(), c.performed());
        }
        if (unmatchedEvents != null) seen = Math.min(seen, byPath + unmatchedEvents);
        return performed == 0 ? Double.NaN : (double) seen / performed;
    }
}
