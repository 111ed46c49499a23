package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.ResultsWriteException;
import org.tracebench.harness.sampling.CpuSummary;
import org.tracebench.harness.sampling.Sampler;
import org.tracebench.harness.suite.Durations;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFiles;
import org.tracebench.loadgen.task.TaskSpec;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.sys.Cgroups;

/**
 * Runs one trial (issue 4, "One trial"): cgroup → load generator (control mode) → into the cgroup → READY →
 * tracer attach (or launch, for {@link Tracer.Launching}) → sentinel until the tracer really sees the target →
 * sampling → GO → DONE → stop sampling → stop tracer → parse events → completeness → trial files → cleanup.
 * The same sequence runs for {@code none}. A tracer or load-generator failure makes an invalid trial (trial.json
 * says why); a failure to write the results directory, or its removal, throws {@link ResultsWriteException} with
 * nothing recorded; an interrupt of the calling thread aborts the trial, cleans up, and throws InterruptedException
 * (the caller discards the directory). Every process, cgroup and tracer session is gone when {@link #run} returns.
 */
public final class TrialRunner {
    private final TrialSettings settings;
    /** Directories already swept for stale work roots in this run (StaleWorkRoots). */
    private final java.util.Set<Path> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ResultsDir results;
    /** How long the pre-window {@code sync} may take before the trial goes on without it. */
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(60);

    public TrialRunner(TrialSettings settings, ResultsDir results) {
        this.settings = settings;
        this.results = results;
    }

    /** Tells the progress line where a trial is. */
    public interface Progress {
        /** Called on the trial thread right after GO was sent; {@code liveOpsPerSecond} may be asked any time. */
        void measuring(java.util.function.DoubleSupplier liveOpsPerSecond);
    }

    /**
     * What a suite hands a trial to overlap it with its neighbours: a load generator started {@link #startAhead ahead}
     * (or null); the earliest {@link System#nanoTime()} for GO (the previous trial's end plus the cooldown); what to
     * run on the trial thread as soon as the measured window has closed (start the next trial's load ahead: this
     * trial's tracer follows only this trial's pids or cgroup); and what to run once this trial's tracer stopped.
     */
    public record Pipelining(Ahead ahead, long goNotBeforeNanos, Runnable windowClosed, Runnable tracerStopped) {
        /** No overlap: the load starts when the trial does, GO as soon as the tracer is ready. */
        public static Pipelining none() { return new Pipelining(null, Long.MIN_VALUE, () -> {}, () -> {}); }
    }

    /**
     * A trial whose directory exists and whose load generator is booting, before its turn. Owned by the caller
     * until passed to {@link #run}; {@link #close} abandons it (process, cgroup and private work root removed; the
     * caller discards the directory).
     */
    public static final class Ahead implements AutoCloseable {
        private final TrialSpec spec;
        private final Path dir;
        private final Path privateRoot; // the trial's own work root, removed at close; null when not its own
        private final TracedTarget.Started started;

        private Ahead(TrialSpec spec, Path dir, Path privateRoot, TracedTarget.Started started) {
            this.spec = spec;
            this.dir = dir;
            this.privateRoot = privateRoot;
            this.started = started;
        }

        public TrialSpec spec() { return spec; }

        @Override
        public void close() {
            started.close();
            try {
                TrialWorkRoot.removeOwnRoot(privateRoot, TaskFiles.DEFAULT_WORK_ROOT);
            } catch (IOException ignored) {
                // under the task's work root; the next run of the task clears it
            }
        }
    }

    /**
     * Creates {@code spec}'s directory and starts its load generator now, so that its JVM boots while the harness
     * finishes the previous trial. A launching tracer (strace-seccomp) starts it now, under itself, as it would in
     * the trial's turn: it traces the load from its first instruction either way.
     */
    public Ahead startAhead(TrialSpec spec, Tracer tracer) throws IOException {
        Path dir = results.freshTrialDir(spec);
        Path root = taskFile(spec.taskFile()).map(t -> TrialWorkRoot.privateWorkRoot(t, spec)).orElse(null);
        sweepStaleRoots(root);
        Path privateRoot = TrialWorkRoot.claimWorkRoot(root); // what this trial may remove
        List<String> cmd = loadCommand(spec, dir.resolve("load.json"), root);
        try {
            if (tracer instanceof Tracer.Launching launching) {
                Path tracerWork = Files.createDirectories(dir.resolve(".tracer"));
                try {
                    return new Ahead(spec, dir, privateRoot, TracedTarget.Started.launch(cmd, launching,
                            spec.tracer().options(), tracerWork, "t" + spec.number(), settings.stopGrace()));
                } catch (TracerException e) {
                    throw new IOException(tracer.name() + " could not start the load: " + e.getMessage(), e);
                }
            }
            return new Ahead(spec, dir, privateRoot,
                    TracedTarget.Started.begin(cmd, dir.resolve("load-stderr.txt"), "t" + spec.number()));
        } catch (IOException | RuntimeException e) {
            try {
                TrialWorkRoot.removeOwnRoot(privateRoot, TaskFiles.DEFAULT_WORK_ROOT);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** {@link #run(TrialSpec, Tracer, Progress, Pipelining)} without overlap. */
    public TrialResult run(TrialSpec spec, Tracer tracer, Progress progress) throws IOException, InterruptedException {
        return run(spec, tracer, progress, Pipelining.none());
    }

    /**
     * Runs {@code spec} with {@code tracer} in a fresh {@code trialDir} (or the one {@code pipe.ahead()} made);
     * writes every trial file, trial.json last. Thread: the caller's; interruptible.
     */
    public TrialResult run(TrialSpec spec, Tracer tracer, Progress progress, Pipelining pipe)
            throws IOException, InterruptedException {
        Ahead ahead = pipe.ahead() != null && pipe.ahead().spec().equals(spec) ? pipe.ahead() : null;
        if (pipe.ahead() != null && ahead == null) throw new IllegalArgumentException("The load started ahead is another trial's.");
        Path dir = ahead != null ? ahead.dir : results.freshTrialDir(spec);
        TrialRecord rec = new TrialRecord(spec, tracer);
        Path tracerWork = dir.resolve(".tracer");
        try {
            results.writing(tracerWork, () -> {
                if (!Files.isDirectory(tracerWork)) Files.createDirectory(tracerWork); // an ahead trial's may exist
            });
        } catch (ResultsWriteException e) {
            if (ahead != null) ahead.close(); // handed to this trial: its load must not outlive it
            throw e;
        }
        Path sentinel = dir.resolve(".sentinel");
        Path loadJson = dir.resolve("load.json");
        Path loadStderr = dir.resolve("load-stderr.txt");
        TracedTarget target = null;
        Sampler sampler = null;
        org.tracebench.harness.fidelity.WindowProbe probe = null; // issue 7: CPU split, ctx switches, BPF stats
        Path privateRoot = null; // the trial's own work root (TrialWorkRoot.claimWorkRoot), removed at the end
        boolean sampled = false;
        long t0 = ahead != null ? ahead.started.startedNanos() : System.nanoTime();
        if (ahead != null) rec.timings.put("setupAhead", true);
        long[] tReady = {t0, t0};
        TracedTarget.Listener timings = new TracedTarget.Listener() {
            @Override public void ready(long pid) {
                if (!(tracer instanceof Tracer.Launching)) rec.phase("setup", t0);
                tReady[1] = System.nanoTime();
            }
            @Override public void tracing(long pid) {
                rec.loadPid = pid;
                tReady[0] = System.nanoTime();
                if (!(tracer instanceof Tracer.Launching)) rec.phase("tracerStart", tReady[1]);
            }
            @Override public void stopped(TraceOutcome outcome) { rec.outcome = outcome; }
        };
        try {
            if (ahead != null) {
                privateRoot = ahead.privateRoot;
                target = TracedTarget.start(ahead.started, tracer, spec.tracer().options(), tracerWork, sentinel,
                        settings.readyTimeout(), settings.stopGrace(), timings);
            } else {
                Path root = taskFile(spec.taskFile()).map(t -> TrialWorkRoot.privateWorkRoot(t, spec)).orElse(null);
                sweepStaleRoots(root);
                privateRoot = TrialWorkRoot.claimWorkRoot(root);
                List<String> cmd = loadCommand(spec, loadJson, root);
                target = TracedTarget.start(cmd, loadStderr, tracer, spec.tracer().options(), tracerWork, sentinel,
                        "t" + spec.number(), settings.readyTimeout(), settings.stopGrace(), timings);
            }
            rec.phase("attach", tReady[0]);
            LoadProcess load = target.process();
            if (ahead != null && load.readyNanos() != 0) { // its own boot time, not the wait for the previous trial
                rec.timings.put("setupSeconds", Math.round((load.readyNanos() - t0) / 1e6) / 1e3);
            }
            TraceSession session = target.session();
            rec.pinning = CpuAffinity.apply(settings.pinning(), load.pid(), session);

            Cgroups.Cgroup cg = target.cgroup().orElse(null);
            TraceSession s = session;
            try { // the sampler's I/O errors are all writes of system.csv
                sampler = new Sampler(settings.machine(), settings.samplingInterval().toMillis(), dir.resolve("system.csv"),
                        load.pid(), () -> cg == null ? Cgroups.CpuTime.UNKNOWN : cg.cpuTime(), s::pids);
            } catch (IOException e) {
                throw results.writeFailure(dir.resolve("system.csv"), e);
            }
            sampler.countAsTracer(s::harnessThreads); // ftrace's reader: java runs in this JVM
            org.tracebench.harness.sampling.Placement placement = "none".equals(tracer.name()) ? null
                    : new org.tracebench.harness.sampling.Placement(load.pid(), spec.workers(), s::pids, s::harnessThreads);
            if (placement != null) sampler.observe(placement);
            probe = org.tracebench.harness.fidelity.WindowProbe.open(cg == null ? null : cg.dir(), load.pid(), s::pids);
            // The harness waits for the cooldown and for its own JIT to go quiet; whatever runs after that check may
            // be compiled inside the window, so only small, already-warm snapshots follow it (the window probe reads
            // fdinfo, not bpftool, here).
            long tSync = System.nanoTime();
            try {
                DirtyPages.Flush flush = DirtyPages.flush(SYNC_LIMIT);
                rec.timings.put("dirtyKbBeforeSync", flush.dirtyKbBefore());
                if (!flush.finished()) rec.timings.put("syncProblem", "sync had not finished after " + SYNC_LIMIT.toSeconds() + " s.");
            } catch (IOException e) {
                rec.timings.put("syncProblem", e.getMessage());
            }
            rec.phase("sync", tSync);
            long tWait = System.nanoTime();
            settings.machine().awaitWarm();
            boolean quiet = HarnessQuiet.awaitGo(pipe.goNotBeforeNanos(), HarnessQuiet.LIMIT);
            rec.phase("goWait", tWait);
            rec.timings.put("harnessQuietAtGo", quiet);
            probe.begin();
            org.tracebench.harness.sampling.ThreadCpu threads0 = org.tracebench.harness.sampling.ThreadCpu.snapshot();
            Sampler started = sampler;
            results.writing(dir.resolve("system.csv"), () -> started.start(settings.warmup().toMillis())); // its summary: the measured window, after the warm-up
            long tGo = System.nanoTime();
            rec.startedAt = Instant.now();
            load.go();
            if (progress != null) progress.measuring(load::liveOpsPerSecond);
            Duration limit = settings.warmup().plus(settings.duration()).plus(Duration.ofSeconds(120));
            boolean[] tracerDied = {false};
            long[] window = load.awaitWindowEnd(limit, () -> tracerDied[0] = tracerDied[0] || !s.alive());
            CpuSummary cpu;
            try {
                cpu = sampler.stop(window); // the window as the load generator ran it, not as this JVM saw it
            } catch (IOException e) {
                throw results.writeFailure(dir.resolve("system.csv"), e);
            }
            sampled = true;
            String samplingProblem = cpu.samplingProblem(settings.samplingInterval().toMillis());
            if (placement != null) rec.cpuPlacement = placement.toJson();
            rec.harnessThreadsMillis = org.tracebench.harness.sampling.ThreadCpu.snapshot().millisSince(threads0, 1);
            probe.end();
            rec.phase("measure", tGo);
            rec.cpu = cpu;
            try {
                pipe.windowClosed().run();
            } catch (RuntimeException e) {
                rec.pipelineProblem = "Starting the next trial ahead failed: " + e.getMessage();
            }
            load.awaitDone(Duration.ofSeconds(120), () -> tracerDied[0] = tracerDied[0] || !s.alive());

            TraceCheck trace = new TraceCheck(results, rec, tracer, dir, sentinel);
            trace.stopTracer(target, tracerDied[0], pipe.tracerStopped());
            if (samplingProblem != null) rec.invalid(samplingProblem); // after the tracer's fate, the likelier cause
            trace.check(session);
        } catch (ResultsWriteException e) {
            throw e; // not the tracer's nor the load's failure: the suite stops
        } catch (TracerException e) {
            results.checkPresent(); // a tracer whose output went with the results directory did not fail
            rec.invalid(e.getMessage());
            rec.extraStderr = e.stderrTail();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException(e.getMessage());
            if (results.missing() != null) throw results.writeFailure(e); // e.g. load.json gone with it
            Optional<String> death = target == null ? Optional.empty() : target.tracerDeath(tracer.name());
            if (death.isPresent()) rec.tracerDied = true;
            rec.invalid(death.orElse(e.getMessage()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException(String.valueOf(e.getMessage()));
            results.checkPresent();
            rec.invalid("The trial failed: " + e);
        } finally {
            long tCleanup = System.nanoTime();
            boolean interrupted = Thread.interrupted(); // clean up fully even when aborting; restored below
            try {
                if (sampler != null && !sampled) sampler.abort();
                if (probe != null) {
                    probe.close();
                    rec.window = probe.toJson();
                }
                if (target != null) {
                    try {
                        target.close();
                    } catch (IllegalStateException e) {
                        rec.cleanupProblem(e.getMessage());
                    }
                }
                TrialWorkRoot.removeLeftovers(rec, tracerWork, privateRoot);
                rec.phase("cleanup", tCleanup);
            } finally {
                if (interrupted) Thread.currentThread().interrupt(); // a Ctrl-C during the trial still ends the suite
            }
        }
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("The trial was interrupted.");
        rec.phase("total", t0);
        results.checkPresent(); // a trial whose results directory went under it is lost with it, never recreated
        results.writing(dir.resolve("tracer-stderr.txt"), () -> AtomicFiles.replaceLines(dir.resolve("tracer-stderr.txt"), rec.stderrTail()));
        Map<String, Object> json = rec.toJson(settings);
        results.writing(dir.resolve("trial.json"), () -> results.writeJson(dir.resolve("trial.json"), json));
        return rec.toResult();
    }

    /** {@code java -XmnY [foreign stat options] [-Djdk.lang.Process.launchMechanism=M] -cp CP LoadMain TASK --workers N ... --control stdio --json F}. */
    public List<String> loadCommand(TrialSpec spec, Path loadJson, Path privateRoot) {
        List<String> cmd = new ArrayList<>(settings.javaCommandFor(spec.workers()));
        Optional<TaskFile> task = taskFile(spec.taskFile());
        task.ifPresent(t -> cmd.addAll(LoadJvmOptions.foreignStat(t.tasks().stream().map(TaskSpec::op).toList())));
        task.flatMap(TaskFile::launch).ifPresent(l -> cmd.add("-Djdk.lang.Process.launchMechanism=" + l.jdkName()));
        cmd.addAll(List.of("-cp", settings.classpath(), "org.tracebench.loadgen.cli.LoadMain", spec.taskFile().toString(),
                "--workers", Integer.toString(spec.workers()),
                "--duration", Durations.format(settings.duration()),
                "--warmup", Durations.format(settings.warmup()),
                "--control", "stdio", "--json", loadJson.toString()));
        if (spec.placement().open()) { // issue 7's sweep: offered rate over all workers, open loop
            cmd.add(cmd.indexOf("--control"), "--rate");
            cmd.add(cmd.indexOf("--control"), Double.toString(spec.placement().offeredRatePerSecond() / spec.workers()));
        }
        if (privateRoot != null) cmd.addAll(List.of("--work-root", privateRoot.toString()));
        for (Path a : settings.allowPaths()) cmd.addAll(List.of("--allow-path", a.toString()));
        return cmd;
    }

    /** Once per directory and run: removes the work roots a SIGKILLed harness left beside {@code privateRoot}. */
    private void sweepStaleRoots(Path privateRoot) {
        if (privateRoot != null && swept.add(privateRoot.getParent())) StaleWorkRoots.sweep(privateRoot.getParent());
    }

    private static Optional<TaskFile> taskFile(Path file) {
        try {
            return Optional.of(TaskFiles.load(file));
        } catch (Exception e) {
            return Optional.empty(); // the load generator reports the task file's problems itself
        }
    }
}
