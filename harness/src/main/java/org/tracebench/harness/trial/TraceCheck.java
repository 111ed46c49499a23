package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tracebench.harness.completeness.AccessedFiles;
import org.tracebench.harness.completeness.CompletenessChecker;
import org.tracebench.harness.completeness.FromSentinel;
import org.tracebench.harness.completeness.GroundTruth;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.ExitStatus;

/**
 * A trial's step after its measured window, once the load generator is done: stops the tracer and judges its fate,
 * then reads the load generator's result (load.json, latency.hlog) and streams the tracer's events through the
 * completeness check into the trial's record and accessed-files.txt. Call {@link #stopTracer} once, then
 * {@link #check} once (the caller records in between what ranks below the tracer's fate: the first reason for an
 * invalid trial wins), both on the trial thread; an interrupt of it aborts the parse with InterruptedException.
 * Everything else propagates unchanged for the trial to judge: ResultsWriteException for a results directory that
 * could not be written, TracerException, IOException and RuntimeException otherwise. Cleanup (the tracer's session,
 * the process, the cgroup) stays with the trial.
 */
final class TraceCheck {
    private final ResultsDir results;
    private final TrialRecord rec;
    private final Tracer tracer;
    private final Path dir;
    private final Path sentinel;

    /** For the trial {@code rec} of {@code tracer} in {@code dir}, whose sentinel file is {@code sentinel}. */
    TraceCheck(ResultsDir results, TrialRecord rec, Tracer tracer, Path dir, Path sentinel) {
        this.results = results;
        this.rec = rec;
        this.tracer = tracer;
        this.dir = dir;
        this.sentinel = sentinel;
    }

    /**
     * Stops {@code target}'s tracer (phase stopTracer), then runs {@code tracerStopped}; the trial is invalid when
     * the tracer died early, was {@code seenDead} while the load ran, or died by a signal the harness did not send.
     */
    void stopTracer(TracedTarget target, boolean seenDead, Runnable tracerStopped) throws TracerException {
        long tStop = System.nanoTime();
        TraceOutcome outcome = target.stopTracer();
        rec.phase("stopTracer", tStop);
        tracerStopped.run();
        // Also a tracer killed by a signal the harness did not send (it sends SIGINT, SIGTERM to a process that ignores
        // SIGINT, and reports -1 when it had to SIGKILL): a process in the kernel (bpftrace detaching probes) dies
        // late, but its events stopped at the kill.
        int code = outcome.exitCode();
        if (outcome.diedEarly() || seenDead || code > 128 && code != 128 + 2 && code != 128 + 15) {
            rec.tracerDied = true;
            rec.invalid("The tracer " + tracer.name() + " " + ExitStatus.describe(code) + " during the trial."
                    + (outcome.exitCause() == null ? "" : " " + outcome.exitCause()));
        }
    }

    /**
     * Reads load.json into the record (a load that completed no operation or failed too many makes the trial invalid:
     * {@link FailedOps}) and links latency.hlog; for a tracer other than {@code none}, streams
     * {@code session}'s events through the completeness check (phase parse) and writes accessed-files.txt.
     */
    void check(TraceSession session) throws IOException, InterruptedException {
        rec.load = ResultsDir.readJson(dir.resolve("load.json")) instanceof Map<?, ?> m ? castMap(m) : Map.of();
        Map<String, Object> loadResult = rec.load;
        String failedOps = FailedOps.problem(loadResult);
        if (failedOps != null) rec.invalid(failedOps); // after the tracer's fate and the sampling, likelier causes
        results.writing(dir.resolve("latency.hlog"), () -> linkHistogramLog(dir, loadResult));
        if ("none".equals(tracer.name())) return;
        long tParse = System.nanoTime();
        GroundTruth truth = GroundTruth.fromLoadResult(rec.load);
        session.addTargetPids(truth.childPids()); // a system-wide backend keeps children too brief to poll
        // the trial's directory is the harness's: the sentinel, and the result the load generator writes there
        CompletenessChecker checker = new CompletenessChecker(truth, tracer.capabilities(rec.spec.tracer().options()), Set.of(sentinel.toString()), dir.toRealPath());
        // a launching tracer traced the load's start and pre-READY JIT warm-up too: only what follows counts
        FromSentinel fromSentinel = tracer instanceof Tracer.Launching ? new FromSentinel(sentinel, checker) : null;
        Consumer<TraceEvent> sink = fromSentinel != null ? fromSentinel : checker;
        try {
            session.events(e -> {
                if (Thread.currentThread().isInterrupted()) throw new AbortedException();
                sink.accept(e);
            });
        } catch (AbortedException e) {
            throw new InterruptedException("The trial was interrupted while its events were parsed.");
        }
        rec.checker = checker;
        if (fromSentinel != null) {
            rec.eventsBeforeSentinel = fromSentinel.dropped();
            if (!fromSentinel.sentinelSeen()) {
                rec.invalid(tracer.name() + " launched the load generator, but none of its events is on the sentinel "
                        + sentinel + ", so the load generator's start and pre-READY JIT warm-up could not be told "
                        + "from the measured operations; no event was counted.");
            }
        }
        rec.parsing = session.parseDiagnostics();
        List<String> accessed = AccessedFiles
                .lines(checker, tracer.name(), tracer.capabilities(rec.spec.tracer().options()), session.pathLimitBytes());
        results.writing(dir.resolve("accessed-files.txt"), () -> AtomicFiles.replaceLines(dir.resolve("accessed-files.txt"), accessed));
        rec.phase("parse", tParse);
    }

    /** latency.hlog: a hard link to the .hlog the load generator wrote beside load.json (a copy where links fail). */
    private static void linkHistogramLog(Path dir, Map<String, Object> load) throws IOException {
        Object h = load.get("histogramLog");
        if (!(h instanceof String s) || s.isBlank()) return;
        Path src = dir.resolve(s);
        Path dst = dir.resolve("latency.hlog");
        if (!Files.isRegularFile(src) || src.toAbsolutePath().normalize().equals(dst.toAbsolutePath().normalize())) return;
        Path tmp = dir.resolve(".latency.hlog.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createLink(tmp, src);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(src, tmp);
        }
        Files.move(tmp, dst, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** Thrown from the event sink when the thread is interrupted, to stop a long parse. */
    private static final class AbortedException extends RuntimeException {
        AbortedException() { super(null, null, false, false); }
    }
}
