package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.task.TaskSpec;

/**
 * One worker: runs the whole task list once per iteration until the run ends. All fields are written only by the
 * worker's own thread (or, before it starts, by the thread that runs the JIT warm-up); the engine reads them after
 * joining the thread, which orders the reads after the writes. So recording needs no synchronization: one plain
 * {@link Histogram} per op kind, written only by this thread.
 *
 * <p>Clock reads are shared where nothing runs between two of them: in the closed loop the first op of an iteration
 * starts at the iteration's start reading, and an iteration whose last op has no restore step ends at that op's end
 * reading. A one-op task therefore reads the clock twice per op, as a C loop timing each call would.
 */
final class Worker implements Runnable {
    static final int SAMPLE_LIMIT = 5;

    final int id;
    final Step[] steps;
    final Engine.Clock clock;
    private final long intervalNanos;
    /** Slots of the per-second time series: the measured window's seconds, rounded up, plus one. */
    private final int seconds;

    /** Latencies of the measured, successful performs per op kind (null for kinds the task file lacks). */
    final Histogram[] histograms = new Histogram[OpKind.values().length];
    /** Latencies of the measured iterations without an error. */
    final Histogram iterationHistogram = new Histogram(3);
    /** Open loop: the unfinished iterations' waits by the end (lower bounds), apart to tell which percentiles they move. */
    final Histogram unfinishedHistogram = new Histogram(3);
    final long[] counts = new long[OpKind.values().length];
    final long[] errors = new long[OpKind.values().length];
    /** Failed restore steps of measured ops (which succeeded and are in {@link #counts}), per kind. */
    final long[] restoreErrors = new long[OpKind.values().length];
    /** Execs whose binary exited with a status other than 0: operations done, counted in {@link #counts} too. */
    final long[] nonZeroExits = new long[OpKind.values().length];
    final long[] groundTruthCounts = new long[OpKind.values().length];
    /** The getdents64 calls of the readdir operations in {@link #groundTruthCounts} ({@link Op#getdents64Calls}). */
    long groundTruthGetdents64Calls;
    final long[][] perSecond;
    final List<List<String>> samples = new ArrayList<>();
    /** Samples of failed restores and of non-zero exits, apart from the errors' so that neither crowds out the other. */
    final List<List<String>> restoreSamples = new ArrayList<>(), exitSamples = new ArrayList<>();
    final List<Set<String>> iterationPaths = new ArrayList<>();
    final int pathCap;
    boolean pathsTruncated;
    /** Iterations begun in the window without an error (with a rate, the timed ones are those also intended in it). */
    long iterations;
    /** Iterations begun in the window with an error (not timed). */
    long failedIterations;
    /** When this worker's thread began, before GO: the engine reads GO only after every worker's. */
    long startedNanos;
    /** Open loop: iterations intended in the window that never finished (timed up to the end, not counted). */
    long unfinishedIterations;
    /** Whether an op or restore of the current iteration failed. */
    boolean iterationFailed;
    /** The next iteration number; the JIT warm-up advances it so {iteration} paths are never reused. */
    long nextIteration;
    long[] childPids = new long[16];
    int childPidCount;
    private boolean groundTruthOn;
    /** True while {@link #warmIterations} runs: a failure then must not end the run (--fail-fast). */
    boolean warming;
    /**
     * The current iteration's first op's start, which decides whether the iteration is in the window: the
     * iteration's start reading, or where that op has a prepare step, the reading after it.
     */
    private long firstOpStartNanos;
    /** The time-series slot of the measured window's current second, and the clock value where it ends. */
    private int second;
    private long secondEndNanos;

    Worker(int id, List<TaskSpec> tasks, RunConfig cfg, Engine.Clock clock, int seconds, int pathCap) {
        this.id = id;
        this.clock = clock;
        this.pathCap = pathCap;
        this.seconds = Math.max(1, seconds);
        this.intervalNanos = cfg.rate().isPresent() ? Math.max(1, Math.round(1e9 / cfg.rate().getAsDouble())) : 0;
        this.perSecond = new long[OpKind.values().length][];
        for (int k = 0; k < OpKind.values().length; k++) {
            samples.add(new ArrayList<>());
            restoreSamples.add(new ArrayList<>());
            exitSamples.add(new ArrayList<>());
            iterationPaths.add(new HashSet<>());
        }
        steps = Step.bind(tasks, cfg, id, this::childStarted);
        for (TaskSpec t : tasks) {
            int k = t.op().ordinal();
            if (histograms[k] == null) {
                histograms[k] = new Histogram(3);
                perSecond[k] = new long[seconds];
            }
        }
    }

    private void childStarted(long pid) {
        if (!groundTruthOn) return;
        if (childPidCount == childPids.length) childPids = Arrays.copyOf(childPids, childPids.length * 2);
        childPids[childPidCount++] = pid;
    }

    /**
     * Runs whole iterations through the measured run's own path ({@link #iterate}, recording included), until
     * {@code deadlineNanos} or {@code maxIterations}, then forgets everything they recorded; before GO only.
     * Every 32nd iteration's first record rolls the time series over to a new second, as the run does once a
     * second: without it C2 compiled that branch as never taken, and the run's first second boundary threw the
     * compiled loop out (an unstable_if trap in {@code succeeded}) for about 50 ms of interpreted and C1 code in
     * the measured window.
     */
    long warmIterations(long deadlineNanos, long maxIterations) {
        long start = System.nanoTime();
        second = 0;
        secondEndNanos = start + 1_000_000_000L;
        warming = true;
        long n = 0;
        try {
            for (; n < maxIterations && System.nanoTime() < deadlineNanos; n++) {
                if ((n & 31) == 0) secondEndNanos = Long.MIN_VALUE; // the next record rolls the second over
                if (iterate(nextIteration++, start, false, 0) == CUT_SHORT) break;
            }
            // Where iterations are slow (exec), recording has run only a few times: run it on its own as often as
            // the ops ran, with made-up latencies that forgetRecorded() drops.
            Path[] p = new Path[steps.length];
            for (int i = 0; i < p.length; i++) p[i] = steps[i].paths.length == 0 ? null : steps[i].paths[0].at(nextIteration);
            nextIteration++;
            long records = Math.max(0, maxIterations - n) * p.length;
            for (long i = 0; i < records; i++) {
                if ((i & 31) == 0) secondEndNanos = Long.MIN_VALUE;
                int k = (int) (i % p.length);
                // latencies from 1 µs to 1 ms in a scattered order: new minima and maxima keep coming, as in a run
                long latency = 1000 + (i * 7919) % 1_000_000;
                if (p[k] != null) succeeded(steps[k], 0, p[k], steps[k].kind, start + i, start + i + latency, start);
            }
        } finally {
            warming = false;
            forgetRecorded();
        }
        return n;
    }

    /** Clears what {@link #warmIterations} recorded, so the measured run starts from nothing. */
    private void forgetRecorded() {
        for (int k = 0; k < histograms.length; k++) {
            if (histograms[k] == null) continue;
            histograms[k].reset();
            Arrays.fill(perSecond[k], 0);
        }
        Arrays.fill(counts, 0);
        Arrays.fill(errors, 0);
        Arrays.fill(restoreErrors, 0);
        Arrays.fill(nonZeroExits, 0);
        Arrays.fill(groundTruthCounts, 0);
        groundTruthGetdents64Calls = 0;
        samples.forEach(List::clear);
        restoreSamples.forEach(List::clear);
        exitSamples.forEach(List::clear);
        iterationPaths.forEach(Set::clear);
        pathsTruncated = false;
        for (Step st : steps) Arrays.fill(st.succeeded, false);
        second = 0;
    }

    @Override
    public void run() {
        startedNanos = System.nanoTime();
        clock.startedAwaitGo();
        try {
            loop();
        } catch (OutOfMemoryError e) {
            clock.outOfMemory = e; // the engine rethrows it: the run failed, and the work root is cleaned up
            clock.endNow();
        }
    }

    private void loop() {
        groundTruthOn = true;
        final long measureStart = clock.measureStartNanos;
        second = 0;
        secondEndNanos = measureStart + 1_000_000_000L;
        final boolean openLoop = intervalNanos > 0;
        long next = openLoop ? Schedule.plus(clock.goNanos, Schedule.offset(intervalNanos, id, clock.workers)) : 0;
        for (long it = nextIteration; ; it = ++nextIteration) {
            long intended, start;
            if (openLoop) {
                intended = next;
                next = Schedule.plus(next, intervalNanos);
                start = waitUntil(intended);
                if (start == ENDED) {
                    recordUnstarted(intended, measureStart);
                    return;
                }
            } else {
                intended = start = System.nanoTime();
            }
            if (intended >= clock.endNanos) return;
            // Nothing runs between the reading of `start` and the first op, so that op starts there.
            iterationFailed = false;
            long end = iterate(it, measureStart, true, start);
            if (end == CUT_SHORT) {
                if (openLoop) recordUnstarted(intended, measureStart);
                return;
            }
            // Counted when its first op started in the window, as ops are (a backlog intended in the warm-up is the
            // window's work); with a rate timed when intended in it (before 2026-12-07 both: a late load's count left
            // out what it did). The closed loop times what it counts.
            if (firstOpStartNanos >= measureStart) {
                if (iterationFailed) {
                    failedIterations++; // neither counted nor timed as an iteration: it did not do the task's work
                } else {
                    iterations++;
                    if (!openLoop || intended >= measureStart) iterationHistogram.recordValue(Math.max(0, end - intended));
                }
            }
        }
    }

    /**
     * Open loop, at the end: the iteration intended at {@code from} (cut short, or not begun) and every later one
     * intended before the end never finished, however long they would have taken. Each is recorded in
     * {@link #unfinishedHistogram} (merged with the finished ones for the reported latencies) with the time it had
     * waited by the end, a lower bound of its latency (coordinated omission: leaving them out hid the backlog of a load
     * the system cannot keep up with); none counts as an iteration done.
     */
    private void recordUnstarted(long from, long measureStart) {
        long end = clock.endNanos;
        long t = Math.max(from, Schedule.firstAtOrAfter(from, measureStart, intervalNanos));
        for (; t < end; t = Schedule.plus(t, intervalNanos)) {
            unfinishedHistogram.recordValue(end - t);
            unfinishedIterations++;
        }
    }

    /** What {@link #waitUntil} returns when the run ended first. */
    private static final long ENDED = Long.MIN_VALUE;

    /** Parks until {@code t}; the clock reading at or after it, or {@link #ENDED} (STOP unparks the worker). */
    private long waitUntil(long t) {
        while (true) {
            long now = System.nanoTime();
            if (now >= clock.endNanos) return ENDED;
            long left = t - now;
            if (left <= 0) return now;
            if (left > 200_000) LockSupport.parkNanos(Math.min(left - 100_000, clock.endNanos - now));
            else Thread.onSpinWait();
        }
    }

    /** What {@link #iterate} returns when the run's end arrived before the pass was done. */
    private static final long CUT_SHORT = Long.MIN_VALUE;

    /**
     * One pass over the task list, each task in loder's order: its repetitions outer, its paths inner ({@code a, b, a,
     * b} for {@code repeat: 2} of {@code [a, b]}). {@code haveStart}: {@code startNanos} is a clock reading taken just
     * before, the first op's start. Returns the clock value at the pass's end (the last op's end reading when nothing
     * followed it), or {@link #CUT_SHORT}.
     */
    private long iterate(long it, long measureStart, boolean haveStart, long startNanos) {
        boolean fresh = haveStart;
        firstOpStartNanos = startNanos;
        long end = 0;
        boolean haveEnd = false;
        for (Step s : steps) {
            final Op op = s.op;
            final int k = s.kind;
            final Path[] ps = s.current;
            for (int j = 0; j < ps.length; j++) ps[j] = s.paths[j].at(it);
            for (int r = 0; r < s.repeat; r++) {
                for (int j = 0; j < ps.length; j++) {
                    final Path p = ps[j];
                    final boolean first = fresh;
                    long t0 = fresh ? startNanos : System.nanoTime();
                    fresh = false;
                    haveEnd = false;
                    if (t0 >= clock.endNanos) return CUT_SHORT;
                    try {
                        if (s.hasPrepare) {
                            op.prepare(p);
                            t0 = System.nanoTime();
                            // the end fell in the untimed prepare: the op starts after it (prepare leaves nothing to undo)
                            if (t0 >= clock.endNanos) return CUT_SHORT;
                            if (first) firstOpStartNanos = t0;
                        }
                        op.perform(p);
                    } catch (org.tracebench.loadgen.op.NonZeroExitException e) {
                        // it ran and was waited for: an operation done
                        WorkerFailures.nonZeroExit(this, k, t0 >= measureStart, p, e);
                    } catch (Exception e) {
                        boolean killed = WorkerFailures.failed(this, k, t0 >= measureStart, p, e);
                        if (killed) return CUT_SHORT; // killed at the end
                        continue;
                    }
                    long t1 = System.nanoTime();
                    succeeded(s, j, p, k, t0, t1, measureStart);
                    if (!s.hasRestore || s.skipsUndo(r, j)) { // a hand-over: a later task removes what this made
                        end = t1;
                        haveEnd = true;
                        continue;
                    }
                    try {
                        op.restore(p);
                    } catch (Exception e) {
                        WorkerFailures.restoreFailed(this, s, t0 >= measureStart, p, e);
                    }
                }
            }
        }
        return haveEnd ? end : System.nanoTime();
    }

    private void succeeded(Step s, int j, Path p, int k, long t0, long t1, long measureStart) {
        groundTruthCounts[k]++;
        if (s.readsDirectory) groundTruthGetdents64Calls += s.op.getdents64Calls();
        if (!s.paths[j].perIteration()) {
            s.succeeded[j] = true;
        } else {
            Set<String> set = iterationPaths.get(k);
            if (set.size() < pathCap) {
                set.add(p.toString());
                Path c = s.op.companion(p);
                if (c != null && set.size() < pathCap) set.add(c.toString());
            } else {
                pathsTruncated = true;
            }
        }
        if (t0 >= measureStart) {
            histograms[k].recordValue(t1 - t0);
            counts[k]++;
            if (t0 >= secondEndNanos) nextSecond(t0, measureStart);
            perSecond[k][second]++;
        }
    }

    /** Moves the time-series slot to the second {@code t0} falls in (ops start in increasing clock order). */
    private void nextSecond(long t0, long measureStart) {
        long sec = (t0 - measureStart) / 1_000_000_000L;
        int last = seconds - 1;
        second = (int) Math.min(sec, last);
        secondEndNanos = second == last ? Long.MAX_VALUE : measureStart + (second + 1) * 1_000_000_000L;
    }
}
