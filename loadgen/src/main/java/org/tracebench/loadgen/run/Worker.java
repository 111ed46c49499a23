package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.SingleWriterRecorder;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.TaskSpec;

/**
 * One worker: runs the whole task list once per iteration until the run ends. All fields are written only by the
 * worker's own thread (or, before it starts, by the thread that runs the JIT warm-up); the engine reads them after
 * joining the thread. Recording is wait-free: one {@link SingleWriterRecorder} per op kind.
 */
final class Worker implements Runnable {
    /** One task entry bound to this worker: its op instance and expanded paths. */
    static final class Step {
        final Op op;
        final boolean hasPrepare;
        final int kind;
        final int repeat;
        final PathTemplate[] paths;
        final boolean[] succeeded; // per fixed path: at least one success since GO

        Step(Op op, int repeat, PathTemplate[] paths) {
            this.op = op;
            this.hasPrepare = op.hasPrepare();
            this.kind = op.kind().ordinal();
            this.repeat = repeat;
            this.paths = paths;
            this.succeeded = new boolean[paths.length];
        }
    }

    static final int SAMPLE_LIMIT = 5;

    final int id;
    final Step[] steps;
    private final Engine.Clock clock;
    private final long intervalNanos;

    final SingleWriterRecorder[] recorders = new SingleWriterRecorder[OpKind.values().length];
    final SingleWriterRecorder iterationRecorder = new SingleWriterRecorder(3);
    final long[] counts = new long[OpKind.values().length];
    final long[] errors = new long[OpKind.values().length];
    final long[] groundTruthCounts = new long[OpKind.values().length];
    final long[][] perSecond;
    final List<List<String>> samples = new ArrayList<>();
    final List<Set<String>> iterationPaths = new ArrayList<>();
    final int pathCap;
    boolean pathsTruncated;
    long iterations;
    /** The next iteration number; the JIT warm-up advances it so {iteration} paths are never reused. */
    long nextIteration;
    long[] childPids = new long[16];
    int childPidCount;
    private boolean groundTruthOn;

    Worker(int id, List<TaskSpec> tasks, RunConfig cfg, Engine.Clock clock, int seconds, int pathCap) {
        this.id = id;
        this.clock = clock;
        this.pathCap = pathCap;
        this.intervalNanos = cfg.rate().isPresent() ? Math.max(1, Math.round(1e9 / cfg.rate().getAsDouble())) : 0;
        this.perSecond = new long[OpKind.values().length][];
        for (int k = 0; k < OpKind.values().length; k++) {
            samples.add(new ArrayList<>());
            iterationPaths.add(new HashSet<>());
        }
        steps = new Step[tasks.size()];
        for (int i = 0; i < steps.length; i++) {
            TaskSpec t = tasks.get(i);
            Op op = Ops.create(t.op(), t.options(), this::childStarted);
            PathTemplate[] ps = new PathTemplate[t.paths().size()];
            for (int j = 0; j < ps.length; j++) {
                ps[j] = t.op().family() == OpKind.Family.EXEC
                        ? PathTemplate.executable(t.paths().get(j), id, cfg.workRoot())
                        : PathTemplate.of(t.paths().get(j), id, cfg.workRoot());
            }
            steps[i] = new Step(op, t.repeat(), ps);
            int k = t.op().ordinal();
            if (recorders[k] == null) {
                recorders[k] = new SingleWriterRecorder(3);
                perSecond[k] = new long[seconds];
            }
        }
    }

    private void childStarted(long pid) {
        if (!groundTruthOn) return;
        if (childPidCount == childPids.length) childPids = java.util.Arrays.copyOf(childPids, childPids.length * 2);
        childPids[childPidCount++] = pid;
    }

    /** Runs iterations, unrecorded, until {@code deadlineNanos} or {@code maxIterations}; before GO only. */
    void jitWarmup(long deadlineNanos, long maxIterations) {
        for (long n = 0; n < maxIterations && System.nanoTime() < deadlineNanos; n++) {
            long it = nextIteration++;
            for (Step s : steps) {
                for (int r = 0; r < s.repeat; r++) {
                    for (PathTemplate pt : s.paths) {
                        Path p = pt.at(it);
                        try {
                            s.op.prepare(p);
                            s.op.perform(p);
                            s.op.restore(p);
                        } catch (Exception ignored) {
                            // the measured run counts errors; the JIT warm-up only needs the code paths exercised
                        }
                    }
                }
            }
        }
    }

    @Override
    public void run() {
        groundTruthOn = true;
        final long measureStart = clock.measureStartNanos;
        long next = clock.goNanos + (intervalNanos == 0 ? 0 : (intervalNanos * id) / Math.max(1, clock.workers));
        for (long it = nextIteration; ; it = ++nextIteration) {
            long intended = next;
            if (intervalNanos > 0) {
                next += intervalNanos;
                if (!waitUntil(intended)) return;
            } else {
                intended = System.nanoTime();
            }
            if (intended >= clock.endNanos) return;
            if (!iterate(it, measureStart)) return;
            long end = System.nanoTime();
            if (intended >= measureStart) {
                iterationRecorder.recordValue(Math.max(0, end - intended));
                iterations++;
            }
        }
    }

    /** Parks until {@code t}; false when the run ended meanwhile (STOP unparks the worker). */
    private boolean waitUntil(long t) {
        while (true) {
            long now = System.nanoTime();
            if (now >= clock.endNanos) return false;
            long left = t - now;
            if (left <= 0) return true;
            if (left > 200_000) LockSupport.parkNanos(Math.min(left - 100_000, clock.endNanos - now));
            else Thread.onSpinWait();
        }
    }

    /** One pass over the task list; false when the run's end arrived before the pass was done. */
    private boolean iterate(long it, long measureStart) {
        for (Step s : steps) {
            final Op op = s.op;
            final int k = s.kind;
            for (int j = 0; j < s.paths.length; j++) {
                final Path p = s.paths[j].at(it);
                for (int r = 0; r < s.repeat; r++) {
                    long t0 = System.nanoTime();
                    if (t0 >= clock.endNanos) return false;
                    try {
                        if (s.hasPrepare) {
                            op.prepare(p);
                            t0 = System.nanoTime();
                        }
                        op.perform(p);
                    } catch (Exception e) {
                        failed(k, t0 >= measureStart, p, e);
                        continue;
                    }
                    long t1 = System.nanoTime();
                    succeeded(s, j, p, k, t0, t1, measureStart);
                    try {
                        op.restore(p);
                    } catch (Exception e) {
                        failed(k, t0 >= measureStart, p, e);
                    }
                }
            }
        }
        return true;
    }

    private void succeeded(Step s, int j, Path p, int k, long t0, long t1, long measureStart) {
        groundTruthCounts[k]++;
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
            recorders[k].recordValue(t1 - t0);
            counts[k]++;
            long[] ps = perSecond[k];
            int sec = (int) Math.min((t0 - measureStart) / 1_000_000_000L, ps.length - 1);
            ps[sec]++;
        }
    }

    private void failed(int k, boolean measured, Path p, Exception e) {
        if (measured) errors[k]++;
        List<String> list = samples.get(k);
        String msg = (measured ? "" : "(warm-up) ") + describe(p, e);
        if (list.size() < SAMPLE_LIMIT) list.add(msg);
        if (clock.failFast) clock.fail(OpKind.values()[k].yamlName() + " failed: " + msg);
    }

    static String describe(Path p, Exception e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (m == null) return name + " on " + p;
        return m.contains(p.toString()) ? name + ": " + m : name + " on " + p + ": " + m;
    }
}
