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
import org.tracebench.harness.trial.TracedTarget;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.sys.Cgroups;

/**
 * Runs the JMH op benchmarks once under one tracer: MicroMain (control protocol) in a fresh cgroup, the tracer
 * attached and confirmed ready through {@link TracedTarget}, GO, JMH's JSON moved to {@code micro/<tracer>.json},
 * the tracer stopped. OpBenchmark's files live in {@code <tracebench.bench.dir or /var/tmp>/tracebench-micro-<pid>-<tracer>},
 * removed afterwards. Files per tracer in {@code micro/}: {@code <tracer>.json} (JMH's own result, only when it
 * succeeded), {@code <tracer>-jmh.log} (JMH's log), {@code <tracer>-tracer-stderr.txt}. Nothing (process, tracer,
 * cgroup, tracer output) is left behind when {@link #run} returns or throws. While JMH runs, the cgroup's
 * members are sampled about every 200 ms: {@code cgroupPidsSeen} counts the distinct processes seen (MicroMain
 * plus its JMH forks), the evidence that the forks ran inside the traced cgroup. Thread: the caller's; interruptible.
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
                            long lostEvents, int cgroupPidsSeen, double wallSeconds, Map<String, Object> pinning) {
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
        Path tracerWork = resultsDir.resolve(".tracer-" + name);
        Path sentinel = resultsDir.resolve(".sentinel-" + name);
        Files.deleteIfExists(partial);
        Files.deleteIfExists(finalJson);
        ResultsDir.deleteTree(tracerWork);
        Files.createDirectories(tracerWork);
        // On disk (not tmpfs) so O_DIRECT ops mean something; removed below even when a killed fork could not.
        Path benchDir = Files.createDirectories(Path.of(System.getProperty("tracebench.bench.dir", "/var/tmp"))
                .resolve("tracebench-micro-" + ProcessHandle.current().pid() + "-" + name));
        long t0 = System.nanoTime();
        String reason = null;
        TraceOutcome outcome = null;
        List<String> stderrTail = new ArrayList<>();
        Set<Long> cgroupPids = new HashSet<>();
        Map<String, Object> pinned = null;
        try (TracedTarget t = TracedTarget.start(command(partial, benchDir), log, tracer, options, tracerWork, sentinel,
                "micro-" + name, settings.readyTimeout(), settings.stopGrace())) {
            boolean[] tracerDied = {false};
            pinned = org.tracebench.harness.trial.CpuAffinity.apply(settings.pinning(), t.process().pid(), t.session());
            t.process().go();
            try {
                t.process().awaitDone(settings.runTimeout(), () -> {
                    t.cgroup().ifPresent(cg -> cgroupPids.addAll(pidsOf(cg)));
                    return tracerDied[0] = tracerDied[0] || !t.session().alive();
                });
            } catch (IOException e) {
                reason = e.getMessage();
            }
            outcome = t.stopTracer();
            stderrTail.addAll(outcome.stderrTail());
            if (reason == null && (outcome.diedEarly() || tracerDied[0])) {
                reason = "The tracer " + name + " exited during the JMH run (exit code " + outcome.exitCode() + ").";
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
            ResultsDir.deleteTree(tracerWork);
            ResultsDir.deleteTree(benchDir);
        }
        if (Thread.currentThread().isInterrupted()) {
            Files.deleteIfExists(partial);
            throw new InterruptedException("The micro run under " + name + " was interrupted.");
        }
        AtomicFiles.writeLines(micro.resolve(name + "-tracer-stderr.txt"), stderrTail);
        boolean ok = reason == null && Files.isRegularFile(partial);
        if (reason == null && !ok) reason = "JMH wrote no result file; see " + resultsDir.relativize(log) + ".";
        if (ok) Files.move(partial, finalJson, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        else Files.deleteIfExists(partial);
        return new TracerRun(name, ok, reason, ok ? finalJson : null, outcome == null ? -1 : outcome.exitCode(),
                outcome == null ? -1 : outcome.lostEvents(), cgroupPids.size(), (System.nanoTime() - t0) / 1e9, pinned);
    }

    private static List<Long> pidsOf(Cgroups.Cgroup cg) {
        try {
            return cg.pids();
        } catch (IOException e) {
            return List.of();
        }
    }
}
