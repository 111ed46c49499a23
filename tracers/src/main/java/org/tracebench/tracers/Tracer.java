package org.tracebench.tracers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tracer backend. Like JMH's profilers, a backend probes its own availability when constructed and says why it
 * cannot run; the harness never starts an unavailable one. Two lifecycles exist, as sub-interfaces:
 * {@link Attaching} tracers attach to a running target; {@link Launching} tracers must start the target themselves
 * (strace's {@code --seccomp-bpf} works only in launch mode).
 */
public interface Tracer {

    /** Registry name, e.g. {@code strace}, {@code bpftrace}. */
    String name();

    /** One line for listings. */
    String description();

    /** Computed once at construction. */
    Availability availability();

    Capabilities capabilities();

    /**
     * What the backend can observe when run with {@code options} (values {@link #optionProblems} accepts): an option
     * may take paths away (bpftrace's {@code mode: counts}). {@link #capabilities()} by default.
     */
    default Capabilities capabilities(Map<String, String> options) { return capabilities(); }

    /**
     * The options a suite may give this backend ({@code tracers: [{name, options}]} and option matrices): option
     * name → one sentence on its values and default. Suites naming any other option are refused before a run.
     */
    default Map<String, String> options() { return Map.of(); }

    /**
     * What is wrong with the values of {@code options} (keys this backend does not have are the caller's to refuse):
     * option name → the whole sentence {@code attach}/{@code launch} would fail with; empty when they would accept the
     * values. Starts nothing, so a suite's options can be checked before any trial runs.
     */
    default Map<String, String> optionProblems(Map<String, String> options) { return Map.of(); }

    /**
     * Why this backend, run with {@code options}, could not recognise the harness's sentinel file at {@code sentinel}
     * (a backend that cuts paths short), as the whole sentence {@code attach} would fail with; empty when it could.
     * Starts nothing, so every planned trial's sentinel can be checked before any trial runs.
     */
    default java.util.Optional<String> sentinelProblem(Map<String, String> options, java.nio.file.Path sentinel) {
        return java.util.Optional.empty();
    }

    /** Attaches to an already running target. */
    interface Attaching extends Tracer {
        /**
         * Starts tracing {@code target}; returns once the tracer process is started (not yet ready: call
         * {@link TraceSession#awaitReady}). {@code workDir} receives the raw output and stderr.
         */
        TraceSession attach(Target target, Path workDir, Map<String, String> options) throws TracerException;
    }

    /**
     * Starts the target under the tracer. Such a tracer sees the target's start and everything it does before READY;
     * the harness counts only its events from the first one on the sentinel's path on, so its events must name that
     * path and come in the order the target made the calls.
     */
    interface Launching extends Tracer {
        /**
         * Starts {@code command} under the tracer; {@code stdio} of the target is inherited through the returned
         * session's {@link LaunchedSession#targetProcess()} (the tracer's own process, whose stdin/stdout are the
         * target's).
         */
        LaunchedSession launch(List<String> command, Path workDir, Map<String, String> options) throws TracerException;
    }

    /** A session whose tracer started the target; the target's stdin/stdout are reachable through the tracer. */
    interface LaunchedSession extends TraceSession {
        Process targetProcess();
    }
}
