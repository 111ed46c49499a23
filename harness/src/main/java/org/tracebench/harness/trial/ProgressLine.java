package org.tracebench.harness.trial;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tracebench.harness.suite.TrialSpec;

/**
 * The run's progress: on a terminal one line redrawn every second (trial i/n, phase, elapsed, ETA, last
 * throughput); otherwise one line per trial start and end, so logs stay readable. Methods are called from the trial
 * thread; the redraw runs on one daemon thread and reads only volatile fields.
 */
public final class ProgressLine {
    private final PrintWriter out;
    private final boolean tty;
    private final Duration estimatedTrial;
    private volatile int total;
    private volatile int done;
    private volatile String current = "";
    private volatile long runStartNanos;
    /** When the last trial finished (the run's start before the first): the current trial began after it. */
    private volatile long lastFinishNanos;
    private volatile long measureStartNanos;
    private volatile java.util.function.DoubleSupplier live = () -> Double.NaN;
    private volatile String last = "";
    private ScheduledExecutorService ticker;
    private final java.util.function.LongSupplier nanoTime;

    /** @param estimatedTrial a first guess of one trial's wall time (warm-up + duration + cooldown + setup) */
    public ProgressLine(PrintWriter out, boolean tty, Duration estimatedTrial) {
        this(out, tty, estimatedTrial, System::nanoTime);
    }

    /** With {@code nanoTime} as the clock, for tests. */
    ProgressLine(PrintWriter out, boolean tty, Duration estimatedTrial, java.util.function.LongSupplier nanoTime) {
        this.out = out;
        this.tty = tty;
        this.estimatedTrial = estimatedTrial;
        this.nanoTime = nanoTime;
    }

    void begin(int toRun, int alreadyFinished, int planned) {
        begin(toRun, alreadyFinished, planned, 0);
    }

    /** {@code again}: finished trials of {@code toRun} that run again beside the other trial of their ABBA pair. */
    void begin(int toRun, int alreadyFinished, int planned, int again) {
        total = toRun;
        runStartNanos = nanoTime.getAsLong();
        lastFinishNanos = runStartNanos;
        if (alreadyFinished + again > 0) message((alreadyFinished + again) + " of " + planned + " trials are already finished;"
                + " running the " + (toRun - again) + " missing" + (again == 0 ? "." : " and again " + again + " finished"
                + (again == 1 ? " one" : " ones") + " of their ABBA pairs, so that both trials of a pair run in one"
                + " session (the earlier attempts are kept in replaced/)."));
        if (tty) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tracebench-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    void trialStarting(TrialSpec t) {
        live = () -> Double.NaN;
        current = String.format(Locale.ROOT, "[%d/%d] %s %s w%d r%d", done + 1, total, t.tracer().name(), t.workload(), t.workers(), t.repetition());
        measureStartNanos = 0;
        if (tty) redraw();
        else synchronized (out) {
            out.println(current + " starting (ETA " + eta() + ")");
            out.flush();
        }
    }

    /** The trial sent GO; {@code liveOpsPerSecond} is the load generator's current throughput (NaN at first). */
    void measuring(java.util.function.DoubleSupplier liveOpsPerSecond) {
        this.live = liveOpsPerSecond;
        measureStartNanos = nanoTime.getAsLong();
    }

    /** Who fell behind the rate: a tracer, or none, whose backlog says the rate is beyond the machine (a sweep's level). */
    private static String behind(TrialSpec t) {
        if (!"none".equals(t.tracer().name())) return "the tracer fell behind the rate)";
        return "sweep".equals(t.placement().role()) ? "the baseline saturates at this level)"
                : "the baseline could not sustain the rate, lower it: the tracers are not comparable at it)";
    }

    void trialFinished(TrialSpec t, TrialResult r) {
        lastFinishNanos = nanoTime.getAsLong();
        done++;
        last = r.ok() ? String.format(Locale.ROOT, "last: %,.0f ops/s, tracer %.2f cores", r.throughputOpsPerSecond(),
                r.cpu() == null ? Double.NaN : r.cpu().tracerCores()) : "last: INVALID";
        String line = current + (r.ok() ? String.format(Locale.ROOT, " ok %,.0f ops/s", r.throughputOpsPerSecond())
                : " INVALID: " + r.invalidReason());
        if (r.ok() && !Double.isNaN(r.iterationP99Nanos())) { // at a rate: the latency, not the ops' service times
            line += ", iteration p99 " + (r.iterationP99LowerBound() ? "≥ " : "")
                    + org.tracebench.harness.report.MarkdownReport.nanos(r.iterationP99Nanos()) + " from the intended start"
                    + (r.iterationsUnfinished() == 0 ? "" : org.tracebench.loadgen.result.IterationResult.backlog(
                    r.iterationsUnfinished(), t.workers()) ? String.format(Locale.ROOT, " (%d iterations unfinished: "
                    + behind(t), r.iterationsUnfinished())
                    : String.format(Locale.ROOT, " (%d in"
                    + " flight at the window's end)", r.iterationsUnfinished()));
        }
        if (r.cpu() != null && r.cpu().stealCores() > org.tracebench.harness.report.Analysis.STEAL_LIMIT_CORES) {
            line += String.format(Locale.ROOT, " (other guests took %.2f cores: steal)", r.cpu().stealCores());
        }
        if (r.cpu() != null && r.cpu().otherUserCores() > org.tracebench.harness.report.Analysis.OTHER_USER_LIMIT_CORES) {
            line += String.format(Locale.ROOT, " (other processes took %.2f cores)", r.cpu().otherUserCores());
        }
        synchronized (out) {
            if (tty) out.print("\r\033[K");
            out.println(line);
            out.flush();
        }
    }

    /** A whole line of information between progress updates. */
    public void message(String line) {
        synchronized (out) {
            if (tty) out.print("\r\033[K");
            out.println(line);
            out.flush();
        }
    }

    void end() {
        if (ticker != null) ticker.shutdownNow();
        if (tty) synchronized (out) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void redraw() {
        long now = nanoTime.getAsLong();
        double ops = live.getAsDouble();
        String phase = measureStartNanos == 0 ? "setting up"
                : String.format(Locale.ROOT, "measuring %.0fs", (now - measureStartNanos) / 1e9)
                + (Double.isNaN(ops) ? "" : String.format(Locale.ROOT, ", %,.0f ops/s now", ops));
        synchronized (out) {
            out.print("\r\033[K" + current + " " + phase + "  ETA " + eta() + "  " + last);
            out.flush();
        }
    }

    /**
     * The time left: a trial's mean wall time so far (the estimate before the first has finished) for each trial
     * left, less what the current one has already taken (down to 0), so it counts down during a trial instead of
     * growing with the elapsed time over the trials done.
     */
    String eta() {
        long finished = lastFinishNanos;
        double perTrial = done > 0 ? (finished - runStartNanos) / 1e9 / done : estimatedTrial.toMillis() / 1e3;
        int left = Math.max(0, total - done);
        double current = Math.max(0, perTrial - (nanoTime.getAsLong() - finished) / 1e9);
        long s = left == 0 ? 0 : Math.round(current + perTrial * (left - 1));
        return org.tracebench.harness.suite.Durations.approx(s);
    }
}
