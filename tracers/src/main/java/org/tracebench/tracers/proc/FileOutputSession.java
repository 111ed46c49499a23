package org.tracebench.tracers.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.TracerException;

/**
 * A session whose tracer is one {@link TracerProcess} writing its events to one output file: readiness is the
 * sentinel path appearing in that file, stop is SIGINT then SIGKILL. Subclasses parse the file and may refine
 * what counts as dying early, the stderr tail and the lost-event count.
 */
public abstract class FileOutputSession implements TraceSession {
    private static final Duration POKE_EVERY = Duration.ofMillis(300);

    protected final String tracerName;
    protected final TracerProcess process;
    protected final Path output;
    private final OutputWatcher watcher;
    private final long tracerPid;
    private TraceOutcome outcome;

    protected FileOutputSession(String tracerName, TracerProcess process, Path output) {
        this.tracerName = tracerName;
        this.process = process;
        this.output = output;
        this.watcher = new OutputWatcher(output);
        this.tracerPid = process.pid();
    }

    @Override
    public void awaitReady(Sentinel sentinel, Duration timeout) throws TracerException {
        String needle = sentinel.path().toString();
        boolean found;
        try {
            found = watcher.await(line -> sentinelSeen(line, needle), sentinel.poke(), POKE_EVERY, timeout, process::alive);
        } catch (IOException e) {
            throw new TracerException("Could not read " + tracerName + "'s output file " + output + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException("Interrupted while waiting for " + tracerName + " to become ready.", e);
        }
        if (found) return;
        if (!process.alive()) {
            throw new TracerException(tracerName + " " + ExitStatus.describe(process.exitCode())
                    + " before it reported the sentinel file " + needle + ".", stderrTail());
        }
        throw new TracerException(tracerName + " did not report the sentinel file " + needle + " within "
                + timeout.toMillis() + " ms.", stderrTail());
    }

    /** True when an output line shows the target touching the sentinel. */
    protected boolean sentinelSeen(String line, String path) {
        return line.contains(path);
    }

    @Override
    public List<Long> pids() { return process.pids(); }

    @Override
    public boolean alive() { return process.alive(); }

    @Override
    public synchronized TraceOutcome stop(Duration grace) throws TracerException {
        if (outcome != null) return outcome;
        boolean early = diedEarly();
        beforeStop();
        int code = process.stop(grace);
        long bytes;
        try {
            bytes = Files.exists(output) ? Files.size(output) : 0;
        } catch (IOException e) {
            bytes = -1;
        }
        outcome = new TraceOutcome(code, early, stderrTail(), lostEvents(), List.of(tracerPid), List.of(output), bytes, -1,
                exitCause());
        return outcome;
    }

    /** The outcome of {@link #stop}, or null before. */
    protected synchronized TraceOutcome outcome() { return outcome; }

    /** Called by {@link #stop} after the died-early check, before the tracer is signalled. */
    protected void beforeStop() {}

    /** Whether the tracer ended before stop was asked for, checked first thing in {@link #stop}. */
    protected boolean diedEarly() { return process.diedEarly(); }

    /** The last lines of the tracer's stderr. */
    protected List<String> stderrTail() { return process.stderrTail(20); }

    /** Events the tracer admitted losing, or -1 when it cannot tell. */
    protected long lostEvents() { return -1; }

    /** Why the tracer ended on its own, as a sentence, where its stderr tells; null otherwise ({@link TraceOutcome#exitCause}). */
    protected String exitCause() { return null; }

    @Override
    public void close() {
        process.close();
    }
}
