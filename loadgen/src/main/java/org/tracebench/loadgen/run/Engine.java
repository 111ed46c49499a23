package org.tracebench.loadgen.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.tracebench.loadgen.result.LoadResult;

/**
 * Runs a task file: N platform worker threads, warm-up, measured window, closed or open loop.
 *
 * <p>Call order, all from one controlling thread: {@link #prepare()} (snapshot, setup files, JIT warm-up) →
 * optionally {@link #sentinel} → {@link #run()} (blocks until the end; GO is the call) → {@link #cleanup()}.
 * {@link #stop()} may be called from any thread at any time after {@code prepare}, also before {@code run}.
 */
public final class Engine {
    /** Upper bound of distinct paths kept per op kind in the ground truth. */
    public static final int PATH_CAP = 100_000;

    /** Timeline shared with the workers; times are System.nanoTime() values. */
    static final class Clock {
        final int workers;
        final boolean failFast;
        long goNanos;
        long measureStartNanos;
        volatile long endNanos = Long.MAX_VALUE;
        final AtomicReference<String> failure = new AtomicReference<>();
        volatile boolean stopRequested;
        volatile Thread[] threads = new Thread[0];
        /** The thread in {@link Engine#run} that waits for the end to kill children; STOP wakes it too. */
        volatile Thread controller;
        /** Set at the run's end, before children still running are killed: their ops failed for that reason. */
        volatile boolean killingChildren;
        /** What a worker ran out of memory with; {@link Engine#run} rethrows it after every worker ended. */
        volatile OutOfMemoryError outOfMemory;
        /** Counted down by each worker thread once it runs; GO is taken after the last, so no start-up is in it. */
        final CountDownLatch started;
        /** Released once GO and the window are set: every worker's reads of them come after these writes. */
        final CountDownLatch released = new CountDownLatch(1);

        Clock(int workers, boolean failFast) {
            this.workers = workers;
            this.failFast = failFast;
            this.started = new CountDownLatch(workers);
        }

        /** A worker, once its thread runs: reports that it has started and parks until GO. */
        void startedAwaitGo() {
            started.countDown();
            awaitUninterruptibly(released);
        }

        static void awaitUninterruptibly(CountDownLatch latch) {
            boolean interrupted = false;
            while (true) {
                try {
                    latch.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }

        /** Ends the run now (STOP, fail-fast); workers finish their current op and exit. */
        synchronized void endNow() {
            stopRequested = true;
            long now = System.nanoTime();
            if (now < endNanos) endNanos = now;
            for (Thread t : threads) LockSupport.unpark(t);
            LockSupport.unpark(controller);
        }

        void fail(String why) {
            if (failure.compareAndSet(null, why)) endNow();
        }
    }

    /**
     * With a rate, GO lies this far after the workers' release, so that they are awake and waiting for their first
     * intended start (worker 0's is GO) instead of waking up in it.
     */
    static final long RELEASE_LEAD_NANOS = 1_000_000L;

    /** How long before the measured window the JIT snapshot for {@link LoadResult.CompilerCpu} is taken. */
    static final long JIT_SNAPSHOT_LEAD_NANOS = 10_000_000L;

    private final RunConfig cfg;
    private final Clock clock;
    private final WorkArea area;
    private final List<Worker> workers = new ArrayList<>();
    private int seconds;
    private boolean prepared;
    private JitWarmup.Report jitWarmup;
    private Thread[] threads;
    private LoadResult result;
    /** The measured window as run() saw it, System.nanoTime() values (CLOCK_MONOTONIC, shared with the harness). */
    private long windowStartNanos;
    private long windowEndNanos;

    public Engine(RunConfig cfg) {
        this.cfg = cfg;
        this.clock = new Clock(cfg.workers(), cfg.failFast());
        this.area = new WorkArea(cfg);
    }

    public RunConfig config() { return cfg; }

    /** What {@link #prepare()}'s JIT warm-up did, one line for stderr; empty before it ran or without workers. */
    public String jitWarmupSummary() { return jitWarmup == null ? "" : jitWarmup.toString(); }

    /**
     * The measured window {start, end} that {@link #run()} counted (after its warm-up, up to the planned end or an
     * earlier STOP), in System.nanoTime() values: on Linux CLOCK_MONOTONIC, which every process on the machine shares,
     * so the harness can bound its CPU sampling to it. Empty ({stop, stop}) when STOP came before the warm-up's end;
     * {0, 0} before run() returned.
     */
    public long[] windowNanos() { return new long[] {windowStartNanos, windowEndNanos}; }

    /** GO as {@link #run()} took it (System.nanoTime()), and the workers, for tests of the schedule. */
    long goNanos() { return clock.goNanos; }

    List<Worker> workers() { return workers; }

    /**
     * Locks and snapshots the work root ({@link WorkRootRefusedException} when another run holds it or it is too
     * big to snapshot; nothing touched then), creates setup files and parents, builds the workers and warms the JIT up.
     */
    public void prepare() throws IOException {
        area.snapshot();
        seconds = (int) Math.min(Integer.MAX_VALUE - 2, (cfg.duration().toNanos() + 999_999_999L) / 1_000_000_000L) + 1;
        for (int w = 0; w < cfg.workers(); w++) {
            workers.add(new Worker(w, cfg.task().tasks(), cfg, clock, seconds, PATH_CAP));
        }
        area.setup(workers);
        threads = new Thread[workers.size()]; // built here: nothing the window needs is first linked after GO
        for (int i = 0; i < threads.length; i++) threads[i] = new Thread(workers.get(i), "tracebench-worker-" + i);
        prepared = true;
        if (!workers.isEmpty()) {
            jitWarmup = JitWarmup.run(workers.get(0), cfg.warmup().toNanos());
        }
    }

    /**
     * Creates and closes {@code path} from a fresh platform thread (like a worker's), for the harness to check
     * that a tracer sees this process. Not part of the ground truth, not removed by cleanup unless in the work root.
     */
    public void sentinel(Path path) throws IOException {
        AtomicReference<IOException> err = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE).close();
            } catch (IOException e) {
                err.set(e);
            }
        }, "tracebench-sentinel");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while writing the sentinel " + path, e);
        }
        if (err.get() != null) throw err.get();
    }

    /** Ends the run early; {@link #run()} still returns a result. Safe from any thread. */
    public void stop() {
        clock.endNow();
    }

    /**
     * Successful operations so far, warm-up included, summed over the workers' own counters without
     * synchronisation: approximate, for a live progress display only (any thread, any time after prepare).
     */
    public long opsSoFar() {
        long n = 0;
        for (Worker w : workers) for (long c : w.groundTruthCounts) n += c;
        return n;
    }

    /**
     * GO: warm-up, then the measured window; blocks until every worker has finished. The worker threads are started
     * and parked first, and GO is read once every one of them runs, then they are released together: read before
     * their start (until 2026-12-07), GO put the threads' start-up (1.8-5 ms) into the first iteration's latency of a
     * rated run without warm-up, its reported p99 and max.
     */
    public LoadResult run() throws InterruptedException {
        if (!prepared) throw new IllegalStateException("prepare() first");
        Thread[] threads = this.threads;
        clock.threads = threads;
        boolean execs = cfg.task().tasks().stream().anyMatch(t -> t.op().family() == org.tracebench.loadgen.op.OpKind.Family.EXEC);
        try {
            for (Thread t : threads) t.start();
            Clock.awaitUninterruptibly(clock.started);
        } catch (Throwable e) { // a thread that could not start: the others must not wait for GO forever
            clock.goNanos = clock.measureStartNanos = System.nanoTime();
            clock.endNow();
            clock.released.countDown();
            throw e;
        }
        Instant startedAt = Instant.now();
        long go = System.nanoTime() + (cfg.rate().isPresent() ? RELEASE_LEAD_NANOS : 0);
        clock.goNanos = go;
        clock.measureStartNanos = go + cfg.warmup().toNanos();
        long plannedEnd = clock.measureStartNanos + cfg.duration().toNanos();
        synchronized (clock) {
            if (!clock.stopRequested) clock.endNanos = plannedEnd;
        }
        clock.released.countDown();
        Map<String, Long> jitAtGo = JitWarmup.compilerCpuByThread(); // after the release: the workers run first
        // The second snapshot comes just before the window (reading /proc costs this thread a fraction of a
        // millisecond, which should not fall inside it): compilation in those last milliseconds counts as measured.
        Map<String, Long> jitAtWindow = jitAtGo;
        long untilWindow = clock.measureStartNanos - JIT_SNAPSHOT_LEAD_NANOS - System.nanoTime();
        if (untilWindow > 0 && threads.length > 0) {
            threads[0].join(untilWindow / 1_000_000, (int) (untilWindow % 1_000_000));
            jitAtWindow = JitWarmup.compilerCpuByThread();
        }
        if (execs) awaitEndKillingChildren(threads);
        for (Thread t : threads) t.join();
        if (clock.outOfMemory != null) throw clock.outOfMemory;
        Map<String, Long> jitAtEnd = JitWarmup.compilerCpuByThread();
        long end = Math.min(clock.endNanos, plannedEnd);
        double measured = Math.max(0, end - clock.measureStartNanos) / 1e9;
        windowStartNanos = Math.min(clock.measureStartNanos, end); // STOP in the warm-up: an empty window at the stop
        windowEndNanos = end;
        LoadResult.CompilerCpu jit = jitAtGo == null || jitAtEnd == null ? null : new LoadResult.CompilerCpu(
                JitWarmup.compilerCpuBetween(jitAtGo, jitAtWindow) / 1e6,
                JitWarmup.compilerCpuBetween(jitAtWindow, jitAtEnd) / 1e6);
        result = Results.assemble(cfg, workers, startedAt, measured, clock.failure.get(),
                clock.stopRequested && end < plannedEnd, jit);
        return result;
    }

    /** How often children are killed again after the run's end while a worker has not yet ended. */
    static final long KILL_POLL_MILLIS = 10;
    /**
     * How long after the run's end a child may still run before it is killed: an op started just before the end is
     * counted like any other, and an exec that takes a millisecond must not turn into an error because of it.
     */
    static final long KILL_GRACE_NANOS = 100_000_000L;

    /**
     * Waits for the run's end (STOP and fail-fast bring it forward) and {@link #KILL_GRACE_NANOS} more for the
     * workers, then kills every child process still running, again until every worker has ended: an exec op waits
     * for its child, so one that runs long or never exits would hold its worker, and the run, past the end. The
     * worker reaps the child and counts the op as an error ({@link Worker}). Costs the workers nothing: this thread
     * sleeps until the end.
     */
    private void awaitEndKillingChildren(Thread[] threads) throws InterruptedException {
        clock.controller = Thread.currentThread();
        for (long left; (left = clock.endNanos - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(clock, left);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        long killAt = System.nanoTime() + KILL_GRACE_NANOS;
        for (Thread t : threads) {
            long wait = killAt - System.nanoTime();
            if (wait > 0) t.join(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        clock.killingChildren = true;
        for (Thread t : threads) {
            while (t.isAlive()) {
                killChildren();
                t.join(KILL_POLL_MILLIS);
            }
        }
    }

    /**
     * Sends SIGKILL to every child process of this JVM (only exec ops start any); the JDK checks each one's start
     * time, so a pid reused meanwhile is left alone. Whoever started a child still reaps it.
     */
    static void killChildren() {
        ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Removes what the run created unless the configuration says keep, and releases the work-root lock taken by
     * {@link #prepare()}. Call after {@link #run()} or instead of it.
     */
    public void cleanup() throws IOException {
        if (cfg.keep()) {
            area.unlock();
            return;
        }
        area.cleanup(Results.createdPathsOutsideRoot(cfg, workers));
    }
}
