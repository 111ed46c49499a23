package org.tracebench.harness.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.sampling.Placement;
import org.tracebench.harness.trial.StaleWorkRoots;
import org.tracebench.harness.trial.TracedTarget;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.ExitStatus;
import org.tracebench.tracers.sys.Cgroups;

/**
 * Runs the JMH op benchmarks once under one tracer: MicroMain (control protocol) in a fresh cgroup, the tracer
 * attached and confirmed ready through {@link TracedTarget}, GO, JMH's JSON moved to {@code micro/<tracer>.json},
 * the tracer stopped. OpBenchmark's files, the tracer's output and the sentinel live in the work directory
 * {@link StaleWorkRoots#microWorkDir} ({@code <tracebench.bench.dir or /var/tmp>/tracebench-micro-<pid>-<tracer>}),
 * removed afterwards, or by a later run or {@code doctor --cleanup} when this process was killed. Files per tracer in
 * {@code micro/}: {@code <tracer>.json} (JMH's own result, only when it succeeded), {@code <tracer>-jmh.log} (JMH's
 * log), {@code <tracer>-tracer-stderr.txt} (the tail of the tracer's stderr; a launching tracer, strace-seccomp, owns
 * its target's stderr, so JMH's log is in there and no -jmh.log is written). Nothing (process, tracer, cgroup, tracer output) is left behind when
 * {@link #run} returns or throws. While JMH runs, the cgroup's members are sampled about every 200 ms:
 * {@code cgroupPidsSeen} counts the distinct processes seen (MicroMain plus its JMH forks), the evidence that the
 * forks ran inside the traced cgroup, and {@code cpuPlacement} (every tracer but none) how often a tracer process last
 * ran on the CPU of the benchmark thread, as a run's trial.json does. Thread: the caller's; interruptible.
 */
public final class MicroRunner {
    private final MicroSettings settings;
    private final Path resultsDir;

    public MicroRunner(MicroSettings settings, Path resultsDir) {
        this.settings = settings;
        this.resultsDir = resultsDir;
    }

    /** What happened under one tracer; {@code jmhJson} is null unless ok. */
    public record TracerRun(String tracer, boolean ok, String reason, Path jmhJson, int tracerExitCode,
                            long lostEvents, int cgroupPidsSeen, double wallSeconds, Map<String, Object> pinning,
                            Map<String, Object> cpuPlacement) {
        /** The tracer's entry in micro-summary.json. */
        public Map<String, Object> toJson(Path resultsDir) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", ok ? "ok" : "invalid");
            m.put("reason", reason);
            m.put("jmhResult", jmhJson == null ? null : resultsDir.relativize(jmhJson).toString());
            m.put("tracerExitCode", tracerExitCode);
            m.put("lostEvents", lostEvents);
            m.put("cgroupPidsSeen", cgroupPidsSeen);
            m.put("wallSeconds", wallSeconds);
            if (pinning != null) m.put("pinning", pinning);
            if (cpuPlacement != null) m.put("cpuPlacement", cpuPlacement);
            return m;
        }
    }

    /** The MicroMain command line for a JMH result at {@code json}. */
    public List<String> command(Path json, Path benchDir) {
        List<String> cmd = new ArrayList<>(settings.javaCommand());
        cmd.addAll(List.of("-cp", settings.classpath(), "org.tracebench.loadgen.bench.MicroMain",
                "--json", json.toString(), "--ops", String.join(",", settings.ops()), "--bench-dir", benchDir.toString()));
        cmd.addAll(settings.jmhArgs());
        return cmd;
    }

    public TracerRun run(Tracer tracer, Map<String, String> options) throws IOException, InterruptedException {
        String name = tracer.name();
        Path micro = Files.createDirectories(resultsDir.resolve("micro"));
        Path partial = micro.resolve("." + name + ".jmh.json");
        Path finalJson = micro.resolve(name + ".json");
        Path log = micro.resolve(name + "-jmh.log");
        Path tracerStderr = micro.resolve(name + "-tracer-stderr.txt");
        // A launching tracer owns its target's stderr: JMH's log is then in the tracer's, and no -jmh.log is written.
        Path jmhLog = tracer instanceof Tracer.Launching ? tracerStderr : log;
        // On disk (not tmpfs) so O_DIRECT ops mean something; removed below even when a killed fork could not.
        Path benchDir = StaleWorkRoots.microWorkDir(name);
        Path tracerWork = benchDir.resolve(".tracer");
        Path sentinel = benchDir.resolve(".sentinel");
        Files.deleteIfExists(partial);
        Files.deleteIfExists(finalJson);
        ResultsDir.deleteTree(benchDir);
        Files.createDirectories(tracerWork);
        long t0 = System.nanoTime();
        String reason = null;
        TraceOutcome outcome = null;
        List<String> stderrTail = new ArrayList<>();
        Set<Long> cgroupPids = new HashSet<>();
        Map<String, Object> pinned = null;
        Placement placement = null;
        try (TracedTarget t = TracedTarget.start(command(partial, benchDir), log, tracer, options, tracerWork, sentinel,
                "micro-" + name, settings.readyTimeout(), settings.stopGrace())) {
            boolean[] tracerDied = {false};
            pinned = org.tracebench.harness.trial.CpuAffinity.apply(settings.pinning(), t.process().pid(), t.session());
            long mainPid = t.process().pid();
            Placement p = placement = "none".equals(name) ? null : new Placement(
                    () -> t.cgroup().map(MicroRunner::pidsOf).orElse(List.of(mainPid)), 0, t.session()::pids,
                    t.session()::harnessThreads);
            t.process().go();
            try {
                t.process().awaitDone(settings.runTimeout(), () -> {
                    t.cgroup().ifPresent(cg -> cgroupPids.addAll(pidsOf(cg)));
                    if (p != null) p.sample();
                    return tracerDied[0] = tracerDied[0] || !t.session().alive();
                });
            } catch (IOException e) {
                reason = e.getMessage();
            }
            outcome = t.stopTracer();
            stderrTail.addAll(outcome.stderrTail());
            if (reason == null && (outcome.diedEarly() || tracerDied[0])) {
                reason = tracerDied(name, outcome.exitCode());
            }
        } catch (InterruptedException e) {
            Files.deleteIfExists(partial); // a half run must not look like a result
            throw e;
        } catch (TracerException e) {
            reason = e.getMessage();
            stderrTail.addAll(e.stderrTail());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException(e.getMessage());
            reason = e.getMessage();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException(String.valueOf(e.getMessage()));
            reason = "The micro run under " + name + " failed: " + e;
        } finally {
            ResultsDir.deleteTree(benchDir);
        }
        if (Thread.currentThread().isInterrupted()) {
            Files.deleteIfExists(partial);
            throw new InterruptedException("The micro run under " + name + " was interrupted.");
        }
        AtomicFiles.writeLines(tracerStderr, stderrTail);
        boolean ok = reason == null && Files.isRegularFile(partial);
        if (reason == null && !ok) reason = "JMH wrote no result file; see " + resultsDir.relativize(jmhLog) + ".";
        if (ok) Files.move(partial, finalJson, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        else Files.deleteIfExists(partial);
        return new TracerRun(name, ok, reason, ok ? finalJson : null, outcome == null ? -1 : outcome.exitCode(),
                outcome == null ? -1 : outcome.lostEvents(), cgroupPids.size(), (System.nanoTime() - t0) / 1e9, pinned,
                placement == null ? null : placement.toJson());
    }

    /** Why a tracer's run has no result when the tracer ended before JMH did, naming a signal as run's trials do. */
    static String tracerDied(String tracer, int exitCode) {
        return "The tracer " + tracer + " " + ExitStatus.describe(exitCode) + " during the JMH run.";
    }

    private static List<Long> pidsOf(Cgroups.Cgroup cg) {
        try {
            return cg.pids();
        } catch (IOException e) {
            return List.of();
        }
    }
}
