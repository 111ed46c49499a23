package org.tracebench.harness.trial;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.report.Summaries;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.ResultsWriteException;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.tracers.Tracer;

/**
 * Runs the trials of a plan that are not finished yet ({@link ResultsDir#toRun}: with the other trial of a paired one's
 * ABBA pair), in plan order, with a cooldown between trials, refreshing
 * summary.csv/json after each. An interrupt of the running thread (Ctrl-C, SIGTERM through the run command's
 * shutdown hook) ends the current trial cleanly (its directory is discarded) and returns {@code interrupted}.
 */
public final class SuiteRunner {
    private final TrialRunner trials;
    private final ResultsDir results;
    private final Duration cooldown;
    private final ProgressLine progress;

    /**
     * What happened to each trial of the plan in this invocation; {@code measuredSeconds} and {@code warmupSeconds}
     * sum the trials' measured windows and the warm-ups before them, {@code cooldownSeconds} the least gaps the
     * suite's cooldown asked for between them, {@code wallSeconds} is the whole invocation.
     */
    public record Outcome(int ran, int skippedFinished, int invalid, boolean interrupted, List<String> invalidReasons,
                          double measuredSeconds, double warmupSeconds, double cooldownSeconds, double wallSeconds) {}

    public SuiteRunner(TrialRunner trials, ResultsDir results, Duration cooldown, ProgressLine progress) {
        this.trials = trials;
        this.results = results;
        this.cooldown = cooldown;
        this.progress = progress;
    }

    /**
     * Trials overlap where it cannot touch a measurement: as soon as a trial's measured window has closed, the next
     * trial's load generator is started ahead (under its tracer, for a launching one) and boots while this trial's
     * tracer stops, its events are parsed and its files written. The running tracer follows only its own trial's
     * pids or cgroup (fatrace, system-wide, drops the newcomer's events by pid). The cooldown is the least time
     * between one trial's tracer stopping and the next GO.
     *
     * @param tracers tracer by name for every tracer in the plan
     * @throws ResultsWriteException when the results directory has gone or cannot be written: the suite stops there,
     *         the trial that could not be written is not recorded (resume runs it), every finished one stays
     */
    public Outcome run(List<TrialSpec> plan, Map<String, Tracer> tracers, PrintWriter err) throws ResultsWriteException {
        long t0 = System.nanoTime();
        int ran = 0;
        int skipped = 0;
        int invalid = 0;
        double measured = 0;
        double warmup = 0;
        double cooled = 0; // the least gaps the cooldown asked for
        List<String> reasons = new ArrayList<>();
        List<TrialSpec> todo = results.toRun(plan); // with the finished partner of a paired trial that runs again
        skipped = plan.size() - todo.size();
        progress.begin(todo.size(), skipped, plan.size(), results.partnersToRun(plan).size());
        org.tracebench.harness.fidelity.SweepGate gate = org.tracebench.harness.fidelity.SweepGate.of(results, plan);
        String lastSkip = null;
        boolean interrupted = false;
        long[] lastEnd = {Long.MIN_VALUE};
        TrialRunner.Ahead[] next = {null};
        try {
            for (int i = 0; i < todo.size(); i++) {
                TrialSpec t = todo.get(i);
                TrialRunner.Ahead ahead = next[0] != null && next[0].spec().equals(t) ? next[0] : null;
                if (next[0] != null && ahead == null) abandon(next[0]);
                next[0] = null;
                if (Thread.currentThread().isInterrupted()) {
                    if (ahead != null) abandon(ahead);
                    interrupted = true;
                    break;
                }
                String skip = gate.skipReason(t); // issue 7: an auto sweep ends where the baseline saturates
                if (skip != null) {
                    if (ahead != null) abandon(ahead);
                    if (!skip.equals(lastSkip)) progress.message("Sweep: skipping higher rates of " + t.workload() + ": " + skip + ".");
                    lastSkip = skip;
                    continue;
                }
                progress.trialStarting(t);
                TrialSpec following = i + 1 < todo.size() ? todo.get(i + 1) : null;
                long goNotBefore = lastEnd[0] == Long.MIN_VALUE ? Long.MIN_VALUE : lastEnd[0] + cooldown.toNanos();
                if (goNotBefore != Long.MIN_VALUE) cooled += cooldown.toNanos() / 1e9;
                lastEnd[0] = Long.MIN_VALUE;
                Runnable windowClosed = () -> {
                    if (following != null && !gate.dependsOnEarlier(following)) {
                        try {
                            next[0] = trials.startAhead(following, tracers.get(following.tracer().name()));
                        } catch (ResultsWriteException e) {
                            // this trial meets it too, and stops the suite
                        } catch (IOException e) {
                            progress.message("Could not start the load of " + following.dirName() + " ahead: "
                                    + e.getMessage() + " It starts in its turn.");
                        }
                    }
                };
                try {
                    TrialResult r = trials.run(t, tracers.get(t.tracer().name()), progress::measuring,
                            new TrialRunner.Pipelining(ahead, goNotBefore, windowClosed, () -> lastEnd[0] = System.nanoTime()));
                    ran++;
                    if (!r.ok()) {
                        invalid++;
                        reasons.add(t.dirName() + ": " + r.invalidReason());
                    }
                    if (Double.isFinite(r.measuredSeconds())) measured += r.measuredSeconds();
                    if (Double.isFinite(r.warmupSeconds())) warmup += r.warmupSeconds();
                    progress.trialFinished(t, r);
                    try {
                        Summaries.write(results.dir());
                    } catch (IOException e) {
                        if (results.missing() != null) throw results.writeFailure(e);
                        throw e;
                    }
                } catch (InterruptedException e) {
                    results.discard(t);
                    interrupted = true;
                    break;
                } catch (ResultsWriteException e) {
                    results.discard(t); // not recorded as finished: --resume runs it again
                    if (next[0] != null) abandon(next[0]);
                    next[0] = null;
                    try { // the summaries counted the discarded trials' directories as unfinished
                        Summaries.write(results.dir());
                    } catch (IOException | RuntimeException again) {
                        // still no room: report and --resume write them
                    }
                    progress.end();
                    throw e;
                } catch (IOException e) {
                    invalid++;
                    reasons.add(t.dirName() + ": " + e.getMessage());
                    progress.message("Trial " + t.dirName() + " could not be recorded: " + e.getMessage());
                }
                if (lastEnd[0] == Long.MIN_VALUE) lastEnd[0] = System.nanoTime(); // the trial ended before its tracer stopped
            }
        } finally {
            if (next[0] != null) abandon(next[0]); // interrupted (or failed) with the next trial's load booting
        }
        progress.end();
        return new Outcome(ran, skipped, invalid, interrupted, reasons, measured, warmup, cooled, (System.nanoTime() - t0) / 1e9);
    }

    private void abandon(TrialRunner.Ahead ahead) {
        ahead.close();
        results.discard(ahead.spec());
    }
}
