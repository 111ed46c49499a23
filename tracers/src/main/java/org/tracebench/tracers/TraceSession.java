package org.tracebench.tracers;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * One running tracer. Call order: {@link #awaitReady} once, then {@link #stop} once, then {@link #events} any
 * number of times; {@link #close} always (it is idempotent and removes everything the session created: processes,
 * tracefs instances, temporary files it owns). Not thread-safe except {@link #close} and {@link #pids()}.
 */
public interface TraceSession extends AutoCloseable {

    /** Blocks until the tracer has reported the sentinel path (or, for path-less backends, an event from the target). */
    void awaitReady(Sentinel sentinel, Duration timeout) throws TracerException;

    /** Pids of the tracer's own processes, for CPU sampling while it runs. */
    List<Long> pids();

    /**
     * Ids of the threads of this JVM that do the tracer's work (ftrace's {@code reader: java} copying trace_pipe): the
     * harness counts their CPU as the tracer's, not its own, as it does for {@link #pids()}. Empty by default; any thread.
     */
    default List<Long> harnessThreads() { return List.of(); }

    /** True while the tracer process is alive (the harness checks this to mark a trial invalid). */
    boolean alive();

    /** Ends the tracer: SIGINT, then SIGKILL after {@code grace}; collects exit code, stderr tail and lost events. */
    TraceOutcome stop(Duration grace) throws TracerException;

    /**
     * Pids the target reports as its own children (the load generator's {@code groundTruth.childPids}). Backends
     * that see every process and keep only the target's ({@link Capabilities#systemWide()}) also keep these, so
     * children too short-lived to be seen while polling are still attributed; others ignore the call. Call before
     * {@link #events}; any thread.
     */
    default void addTargetPids(Collection<Long> pids) {}

    /** Streams the normalized events of the collected output, in file order, to {@code sink}. */
    void events(Consumer<TraceEvent> sink) throws IOException;

    /** What the last {@link #events} call could not parse; {@link ParseDiagnostics#NOT_COUNTED} by default. */
    default ParseDiagnostics parseDiagnostics() { return ParseDiagnostics.NOT_COUNTED; }

    /**
     * The length in UTF-8 bytes at which the backend cuts the paths it prints (bpftrace's BPFTRACE_STRLEN less its
     * NUL): a path of this length or longer may be the start of a longer one. 0 when paths are printed whole.
     */
    default int pathLimitBytes() { return 0; }

    @Override
    void close();
}
