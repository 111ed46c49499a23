package org.tracebench.loadgen.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The pre-READY JIT warm-up: each op of the task runs on its own, unrecorded, until it has run often enough for C2
 * to compile it or its share of a time budget is spent; a few whole iterations then warm the path between ops; and
 * READY waits until the JIT compiler threads have gone idle, so the compilations these calls queued do not run
 * inside the measured window.
 *
 * <p>Op by op rather than iteration by iteration: in a task that mixes a 3 ms exec with a 3 µs stat, whole
 * iterations spend the budget on the exec, and the stat is still interpreted at GO. Op by op, the cheap ops reach
 * C2's thresholds in milliseconds and the costly ones (whose time is the kernel's) stop at their share.
 *
 * <p>The wait for an idle JIT shrinks by the run's warm-up: compilations still queued at READY finish during the
 * warm-up (unmeasured, after GO) just as well, so a 1 s warm-up needs no wait. With {@code warmup: 0} READY waits
 * up to {@link #SETTLE_LIMIT_NANOS}. The load result's {@code jitCompilerCpuMillis} shows what compiled in the
 * warm-up and in the window either way.
 *
 * <p>Runs on the thread that calls {@link #run}, before GO, on worker 0's ops (compiled code is shared by all
 * workers). The JIT's state is its compiler threads' CPU time from {@code /proc/self/task/*} (Linux only; where it
 * cannot be read, the settle step is skipped).
 */
final class JitWarmup {
    /** Calls per op that take a method past C2's invocation threshold (Tier4InvocationThreshold, 5000) with room. */
    static final long CALLS_PER_OP = 6000;
    /** Time for the op-by-op phase. */
    static final long OP_BUDGET_NANOS = 300_000_000L;
    /** Time for the whole iterations that follow it, which warm the recording path with {@link #CALLS_PER_OP} ops. */
    static final long ITERATION_BUDGET_NANOS = 100_000_000L;
    /** The JIT counts as idle when its threads used no CPU for this long. */
    static final long IDLE_NANOS = 30_000_000L;
    /** The longest READY waits for the JIT to go idle, less the run's warm-up. */
    static final long SETTLE_LIMIT_NANOS = 400_000_000L;

    /** What the warm-up did, for the load generator's stderr; {@code settleLimitNanos} 0 = no wait (the warm-up covers it). */
    record Report(long calls, long wholeIterations, long opPhaseNanos, long settleLimitNanos, long settleNanos,
                  boolean jitIdle) {
        @Override public String toString() {
            String head = String.format("JIT warm-up: %,d op calls and %d whole iterations in %d ms, then ", calls,
                    wholeIterations, opPhaseNanos / 1_000_000);
            if (settleLimitNanos == 0) return head + "no wait for the JIT (compilations still queued finish in the warm-up)";
            return head + String.format("%d ms until the JIT was %s", settleNanos / 1_000_000,
                    jitIdle ? "idle" : "still busy (gave up waiting)");
        }
    }

    private JitWarmup() {}

    /** After the op and iteration budgets, how long an exec op's child may still run before it is killed. */
    static final long CHILD_GRACE_NANOS = 100_000_000L;

    static Report run(Worker w, long warmupNanos) {
        long start = System.nanoTime();
        Thread watchdog = execs(w) ? childKiller(start + OP_BUDGET_NANOS + ITERATION_BUDGET_NANOS + CHILD_GRACE_NANOS)
                : null;
        try {
            return run(w, warmupNanos, start);
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
                try {
                    watchdog.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static boolean execs(Worker w) {
        for (Step s : w.steps) if (s.op.kind().family() == org.tracebench.loadgen.op.OpKind.Family.EXEC) return true;
        return false;
    }

    /**
     * A thread that sleeps until {@code deadlineNanos}, then kills the children of exec ops (every few milliseconds,
     * until interrupted): a child that runs long or never exits ({@code yes}) would otherwise hold the warm-up, and
     * READY, forever. The warm-up's calls fail then, which it ignores.
     */
    private static Thread childKiller(long deadlineNanos) {
        Thread t = new Thread(() -> {
            try {
                for (long left; (left = deadlineNanos - System.nanoTime()) > 0; ) {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                }
                while (true) {
                    Engine.killChildren();
                    Thread.sleep(Engine.KILL_POLL_MILLIS);
                }
            } catch (InterruptedException done) {
                // the warm-up ended
            }
        }, "tracebench-warmup-child-killer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Report run(Worker w, long warmupNanos, long start) {
        long end = start + OP_BUDGET_NANOS;
        long calls = 0;
        long opsPerIteration = 0;
        Step[] steps = w.steps;
        for (int i = 0; i < steps.length; i++) {
            long now = System.nanoTime();
            calls += warmStep(w, steps[i], now + Math.max(0, (end - now) / (steps.length - i)), CALLS_PER_OP);
            opsPerIteration += (long) steps[i].repeat * steps[i].paths.length;
        }
        long iterations = w.warmIterations(System.nanoTime() + ITERATION_BUDGET_NANOS,
                (CALLS_PER_OP + opsPerIteration - 1) / Math.max(1, opsPerIteration));
        long opPhase = System.nanoTime() - start;
        long t = System.nanoTime();
        long limit = settleLimitNanos(warmupNanos);
        boolean idle = limit > 0 && awaitIdle(t + limit);
        return new Report(calls, iterations, opPhase, limit, System.nanoTime() - t, idle);
    }

    /** Performs one step alone, unrecorded, until {@code deadlineNanos} or {@code maxCalls}; before GO only. */
    private static long warmStep(Worker w, Step s, long deadlineNanos, long maxCalls) {
        long calls = 0;
        while (calls < maxCalls && System.nanoTime() < deadlineNanos) {
            long it = w.nextIteration++;
            for (PathTemplate pt : s.paths) {
                warmCall(s, pt.at(it));
                calls++;
            }
        }
        return calls;
    }

    private static void warmCall(Step s, Path p) {
        try {
            s.op.prepare(p);
            s.op.perform(p);
            s.op.restore(p);
        } catch (Exception ignored) {
            // the measured run counts errors; the JIT warm-up only needs the code paths exercised
        }
    }

    /** How long READY may wait for the JIT: {@link #SETTLE_LIMIT_NANOS} less the warm-up that follows GO. */
    static long settleLimitNanos(long warmupNanos) {
        return Math.max(0, SETTLE_LIMIT_NANOS - Math.max(0, warmupNanos));
    }

    /** Waits until the compiler threads' CPU time stops growing for {@link #IDLE_NANOS}; false at the deadline. */
    static boolean awaitIdle(long deadlineNanos) {
        long last = compilerCpuNanos();
        if (last < 0) return true;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadlineNanos) {
            if (!sleepMillis(5)) return false;
            long now = compilerCpuNanos();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= IDLE_NANOS) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nanoseconds on a CPU of this JVM's C1/C2 compiler threads ({@code /proc/self/task/TID/schedstat}, first field),
     * or -1 when /proc cannot say.
     */
    static long compilerCpuNanos() {
        Map<String, Long> byThread = compilerCpuByThread();
        if (byThread == null || byThread.isEmpty()) return -1;
        long sum = 0;
        for (long v : byThread.values()) sum += v;
        return sum;
    }

    /** The compiler threads' CPU nanoseconds by thread id, or null when /proc cannot say. */
    static Map<String, Long> compilerCpuByThread() {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm"));
                    if (!comm.startsWith("C1 CompilerThre") && !comm.startsWith("C2 CompilerThre")) continue;
                    String stat = Files.readString(task.resolve("schedstat"));
                    out.put(task.getFileName().toString(), Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                } catch (IOException gone) {
                    // the thread ended (compiler threads come and go with the queue)
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return out;
    }

    /**
     * Compiler CPU nanoseconds from snapshot {@code a} to {@code b}: threads started in between count from zero; a
     * thread that ended in between loses what it used after {@code a} (so this is a lower bound); -1 when either
     * snapshot is missing.
     */
    static long compilerCpuBetween(Map<String, Long> a, Map<String, Long> b) {
        if (a == null || b == null) return -1;
        long sum = 0;
        for (Map.Entry<String, Long> e : b.entrySet()) sum += Math.max(0, e.getValue() - a.getOrDefault(e.getKey(), 0L));
        return sum;
    }

    private static boolean sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
