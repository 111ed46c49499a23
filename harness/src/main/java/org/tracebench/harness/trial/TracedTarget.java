package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.proc.ExitStatus;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.sys.Cgroups;

/**
 * A control-protocol process (docs/design.md: READY, SENTINEL, GO, DONE) in a fresh cgroup v2, under a tracer
 * confirmed ready: the start of a trial, shared by {@code run}'s trials and {@code micro}. {@link #start} creates
 * the cgroup, starts the process (through the tracer for {@link Tracer.Launching}), moves it into the cgroup, waits
 * for READY, attaches the tracer to pid + cgroup and waits until the tracer has seen the target open the sentinel.
 * {@link #close} (idempotent; also run by start itself when it fails) stops the tracer if still running, closes its
 * session, ends the process and every descendant and removes the cgroup and the sentinel. Thread: the caller's.
 */
public final class TracedTarget implements AutoCloseable {
    /**
     * Told how {@link #start} proceeds, on the caller's thread (for phase timings and for the tracer's outcome when
     * start fails). Every method is optional.
     */
    public interface Listener {
        /** READY arrived with the process's pid (for an attaching tracer, before it attaches). */
        default void ready(long pid) {}

        /** The tracer is on the process (attached, or launched and READY arrived); the sentinel wait starts now. */
        default void tracing(long pid) {}

        /** The tracer was stopped, by {@link #stopTracer} or by {@link #close} (also when start fails). */
        default void stopped(TraceOutcome outcome) {}
    }

    private static final Listener NO_LISTENER = new Listener() {};

    private final Cgroups.Cgroup cgroup;
    private final LoadProcess process;
    private final TraceSession session;
    private final Path sentinel;
    private final Duration stopGrace;
    private final Listener listener;
    private TraceOutcome outcome;
    private boolean closed;

    private TracedTarget(Cgroups.Cgroup cgroup, LoadProcess process, TraceSession session, Path sentinel, Duration stopGrace,
                         Listener listener) {
        this.cgroup = cgroup;
        this.process = process;
        this.session = session;
        this.sentinel = sentinel;
        this.stopGrace = stopGrace;
        this.listener = listener;
    }

    /**
     * Starts {@code command} under {@code tracer}, in a cgroup named {@code tracebench-<harness pid>-<cgroupSuffix>}
     * when cgroup v2 exists. {@code stderrFile} receives the process's stderr (attaching tracers only; a launching
     * tracer owns the target's stdio). Returns once the tracer has seen the sentinel; on any failure everything
     * created so far is removed before the exception is thrown.
     */
    public static TracedTarget start(List<String> command, Path stderrFile, Tracer tracer, Map<String, String> options,
                                     Path tracerWork, Path sentinel, String cgroupSuffix, Duration readyTimeout,
                                     Duration stopGrace) throws IOException, InterruptedException, TracerException {
        return start(command, stderrFile, tracer, options, tracerWork, sentinel, cgroupSuffix, readyTimeout, stopGrace,
                NO_LISTENER);
    }

    /** {@link #start(List, Path, Tracer, Map, Path, Path, String, Duration, Duration)}, telling {@code listener}. */
    public static TracedTarget start(List<String> command, Path stderrFile, Tracer tracer, Map<String, String> options,
                                     Path tracerWork, Path sentinel, String cgroupSuffix, Duration readyTimeout,
                                     Duration stopGrace, Listener listener)
            throws IOException, InterruptedException, TracerException {
        Started ahead = null;
        if (!(tracer instanceof Tracer.Launching)) ahead = Started.begin(command, stderrFile, cgroupSuffix);
        return start(ahead, command, cgroupSuffix, tracer, options, tracerWork, sentinel, readyTimeout, stopGrace, listener);
    }

    /**
     * A load generator started ahead, in its own cgroup: the JVM boots (and reaches READY) while the harness does
     * other work, e.g. the previous trial's parsing. For an attaching tracer the tracer comes later; a launching
     * tracer starts it now ({@link #launch}), which is what it would do in the trial's turn too. Owned by whoever
     * began it until it is handed to {@link #start(Started, Tracer, Map, Path, Path, Duration, Duration, Listener)};
     * {@link #close} abandons it (process, launched tracer and cgroup removed).
     */
    public static final class Started implements AutoCloseable {
        private final Cgroups.Cgroup cgroup;
        private final LoadProcess load;
        private final Tracer.LaunchedSession launched;
        private final Duration stopGrace; // for the launched tracer when abandoned
        private final long startedNanos;

        private Started(Cgroups.Cgroup cgroup, LoadProcess load, Tracer.LaunchedSession launched, Duration stopGrace,
                        long startedNanos) {
            this.cgroup = cgroup;
            this.load = load;
            this.launched = launched;
            this.stopGrace = stopGrace;
            this.startedNanos = startedNanos;
        }

        /** Creates the cgroup (when cgroup v2 exists), starts {@code command} and moves it into the cgroup. */
        public static Started begin(List<String> command, Path stderrFile, String cgroupSuffix) throws IOException {
            long t0 = System.nanoTime();
            Cgroups.Cgroup cgroup = Cgroups.v2Root().isPresent() ? Cgroups.create(cgroupSuffix) : null;
            LoadProcess load = null;
            try {
                load = LoadProcess.start(command, stderrFile);
                if (cgroup != null) cgroup.addProcess(load.process().pid());
                return new Started(cgroup, load, null, null, t0);
            } catch (IOException | RuntimeException e) {
                new Started(cgroup, load, null, null, t0).close();
                throw e;
            }
        }

        /**
         * Creates the cgroup (when cgroup v2 exists) and starts {@code command} under {@code tracer}; the process
         * joins the cgroup once READY names its pid, as in {@link TracedTarget#start}. {@code stopGrace}: how long
         * {@link #close} lets the tracer stop before killing it, should this load be abandoned.
         */
        public static Started launch(List<String> command, Tracer.Launching tracer, Map<String, String> options,
                                     Path tracerWork, String cgroupSuffix, Duration stopGrace)
                throws IOException, TracerException {
            long t0 = System.nanoTime();
            Cgroups.Cgroup cgroup = Cgroups.v2Root().isPresent() ? Cgroups.create(cgroupSuffix) : null;
            try {
                Tracer.LaunchedSession ls = tracer.launch(command, tracerWork, options);
                return new Started(cgroup, LoadProcess.through(ls.targetProcess()), ls, stopGrace, t0);
            } catch (TracerException | RuntimeException e) {
                new Started(cgroup, null, null, null, t0).close();
                throw e;
            }
        }

        /** {@link System#nanoTime()} when the process was started. */
        public long startedNanos() { return startedNanos; }

        @Override
        public void close() {
            if (load != null) load.close(); // a launched tracer exits with its target
            if (launched != null) {
                try {
                    launched.stop(stopGrace);
                } catch (TracerException | RuntimeException ignored) {
                    // close() below still removes it
                }
                launched.close();
            }
            if (cgroup != null) {
                try {
                    cgroup.close();
                } catch (IOException ignored) {
                    // doctor lists leftover tracebench cgroups
                }
            }
        }
    }

    /** {@link #start(List, Path, Tracer, Map, Path, Path, String, Duration, Duration, Listener)} for a load started ahead. */
    public static TracedTarget start(Started ahead, Tracer tracer, Map<String, String> options, Path tracerWork,
                                     Path sentinel, Duration readyTimeout, Duration stopGrace, Listener listener)
            throws IOException, InterruptedException, TracerException {
        if ((tracer instanceof Tracer.Launching) != (ahead.launched != null)) {
            throw new IllegalArgumentException("The load was started ahead for another kind of tracer than " + tracer.name() + ".");
        }
        return start(ahead, null, null, tracer, options, tracerWork, sentinel, readyTimeout, stopGrace, listener);
    }

    private static TracedTarget start(Started ahead, List<String> command, String cgroupSuffix, Tracer tracer,
                                      Map<String, String> options,
                                      Path tracerWork, Path sentinel, Duration readyTimeout, Duration stopGrace,
                                      Listener listener) throws IOException, InterruptedException, TracerException {
        Cgroups.Cgroup cgroup = ahead != null ? ahead.cgroup : null;
        LoadProcess load = ahead != null ? ahead.load : null;
        TraceSession session = null;
        try {
            if (tracer instanceof Tracer.Launching launching) {
                if (ahead == null) {
                    cgroup = Cgroups.v2Root().isPresent() ? Cgroups.create(cgroupSuffix) : null;
                    Tracer.LaunchedSession ls = launching.launch(command, tracerWork, options);
                    session = ls;
                    load = LoadProcess.through(ls.targetProcess());
                } else {
                    session = ahead.launched;
                }
                long pid = load.awaitReady(readyTimeout);
                listener.ready(pid);
                if (cgroup != null) cgroup.addProcess(pid);
            } else {
                long pid = load.awaitReady(readyTimeout);
                listener.ready(pid);
                Target target = new Target(pid, Optional.ofNullable(cgroup).map(Cgroups.Cgroup::dir), Optional.of(sentinel));
                session = ((Tracer.Attaching) tracer).attach(target, tracerWork, options);
            }
            listener.tracing(load.pid());
            LoadProcess l = load;
            session.awaitReady(new Sentinel(sentinel, () -> l.sentinel(sentinel)), readyTimeout);
            return new TracedTarget(cgroup, load, session, sentinel, stopGrace, listener);
        } catch (Throwable e) {
            TracedTarget partial = new TracedTarget(cgroup, load, session, sentinel, stopGrace, listener);
            try {
                partial.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup); // the start's own failure is the one to report
            }
            Optional<String> death = e instanceof IOException ? deathOf(partial.outcome, tracer.name(), partial.session) : Optional.empty();
            if (death.isPresent()) throw new IOException(death.get(), e);
            throw e;
        }
    }

    /**
     * Stops the tracer and, when it had ended on its own (not after its target), says so naming it: the load's
     * protocol broke because of it (a launching tracer's target is its child and ends with it). Empty otherwise.
     */
    public Optional<String> tracerDeath(String tracerName) {
        try {
            stopTracer();
        } catch (TracerException | RuntimeException e) {
            return Optional.empty();
        }
        return deathOf(outcome, tracerName, session);
    }

    private static Optional<String> deathOf(TraceOutcome o, String tracerName, TraceSession session) {
        if (o == null || !o.diedEarly()) return Optional.empty();
        return Optional.of("The tracer " + tracerName + " " + ExitStatus.describe(o.exitCode()) + " during the trial"
                + (session instanceof Tracer.LaunchedSession ? ", and the load generator it had launched ended with it." : ".")
                + (o.exitCause() == null ? "" : " " + o.exitCause()));
    }

    /** The process's side of the protocol: {@code go()}, {@code awaitDone(...)}. */
    public LoadProcess process() { return process; }

    public TraceSession session() { return session; }

    /** The cgroup the process runs in, when cgroup v2 exists. */
    public Optional<Cgroups.Cgroup> cgroup() { return Optional.ofNullable(cgroup); }

    /** Stops the tracer (once; later calls return the same outcome). */
    public TraceOutcome stopTracer() throws TracerException {
        if (outcome == null) {
            // A launching tracer (strace running the load) ignores SIGINT and exits with its target: let the target
            // finish (it cleans its work root after DONE) and exit first, rather than signal the tracer under it.
            if (session instanceof Tracer.LaunchedSession && process != null) process.close();
            outcome = session.stop(stopGrace);
            listener.stopped(outcome);
        }
        return outcome;
    }

    /**
     * Removes everything: tracer (stopped if still running), process and descendants, cgroup, sentinel. Keeps going
     * past failures; the first cgroup failure is rethrown as an unchecked exception after everything else ran.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        boolean interrupted = Thread.interrupted(); // clean up fully even when aborting; restored below
        RuntimeException problem = null;
        if (session != null) {
            if (outcome == null) {
                try {
                    outcome = session.stop(stopGrace);
                    listener.stopped(outcome);
                } catch (TracerException | RuntimeException ignored) {
                    // close() below still removes it
                }
            }
            session.close();
        }
        if (process != null) process.close();
        if (cgroup != null) {
            try {
                cgroup.close();
            } catch (IOException e) {
                problem = new IllegalStateException(e.getMessage(), e); // "Could not remove cgroup DIR: why."
            }
        }
        try {
            Files.deleteIfExists(sentinel);
        } catch (IOException ignored) {
            // a file in the results or work directory; harmless
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (problem != null) throw problem;
    }
}
