package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.task.TaskFile;

/**
 * A window edge inside an op's untimed prepare step (remove's lstat): the op starts at the reading after it. One
 * that starts after the end is neither performed nor counted, and its iteration counts as cut short; an iteration
 * whose first op starts after the window's start counts, as that op does. Until 2026-12-07 neither edge was looked at
 * again after the prepare: an op starting after the end was counted in the spill-over second of the time series,
 * which the result drops (load.json's timeSeries summed to one less than the count), and an iteration whose
 * first op's prepare straddled the window's start was left out while that op was counted.
 * The real remove op runs on real files; only its prepare is made to return once the window's edge has passed.
 */
class WindowEdgeInPrepareTest {
    @TempDir Path root;

    /** Remove, whose {@code startAt}-th prepare returns once the window has begun and whose {@code endAt}-th once it ended. */
    private static final class EdgeInPrepare implements Op {
        private final Op remove;
        private final Engine.Clock clock;
        private final int startAt, endAt;
        /** Whether the {@code endAt}-th prepare waits for the planned end (else it brings the end forward to now). */
        private final boolean awaitPlannedEnd;
        int prepares;

        EdgeInPrepare(Op remove, Engine.Clock clock, int startAt, int endAt, boolean awaitPlannedEnd) {
            this.remove = remove;
            this.clock = clock;
            this.startAt = startAt;
            this.endAt = endAt;
            this.awaitPlannedEnd = awaitPlannedEnd;
        }

        @Override public OpKind kind() { return remove.kind(); }
        @Override public boolean hasPrepare() { return true; }
        @Override public boolean hasRestore() { return remove.hasRestore(); }
        @Override public void perform(Path path) throws Exception { remove.perform(path); }
        @Override public void restore(Path path) throws Exception { remove.restore(path); }

        @Override
        public void prepare(Path path) throws Exception {
            remove.prepare(path);
            prepares++;
            if (prepares == startAt) awaitClock(clock.measureStartNanos);
            if (prepares != endAt) return;
            if (awaitPlannedEnd) awaitClock(clock.endNanos);
            else clock.endNanos = System.nanoTime();
        }

        private static void awaitClock(long t) {
            for (long left; (left = t - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
        }
    }

    /** Prepares an engine and puts {@link EdgeInPrepare} in place of worker 0's step (after the JIT warm-up). */
    private static EdgeInPrepare prepare(Engine e, int step, int startAt, int endAt, boolean awaitPlannedEnd)
            throws Exception {
        e.prepare();
        Worker w = e.workers().get(0);
        Step s = w.steps[step];
        EdgeInPrepare op = new EdgeInPrepare(s.op, w.clock, startAt, endAt, awaitPlannedEnd);
        w.steps[step] = new Step(op, s.repeat, s.paths, s.handsOver, s.takesOver);
        return op;
    }

    private Engine engine(TaskFile t, long durationMs, long warmupMs, OptionalDouble rate) {
        return new Engine(new RunConfig(t, 1, Duration.ofMillis(durationMs), Duration.ofMillis(warmupMs), rate, root,
                List.of(), false, false, "POSIX_SPAWN"));
    }

    private static long seriesSum(LoadResult r, OpKind k) {
        return r.timeSeries().stream().mapToLong(m -> m.getOrDefault(k, 0L)).sum();
    }

    @Test void anOpWhosePrepareOutlastsTheWindowIsNeitherPerformedNorCountedNorIsItsIteration() throws Exception {
        // a 1 s window: an op starting after it falls in the spill-over second the result drops
        Engine e = engine(file(spec(OpKind.STAT, "s"), spec(OpKind.REMOVE, "r")), 1000, 0, OptionalDouble.empty());
        EdgeInPrepare op = prepare(e, 1, 0, 3, true);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(3, op.prepares, "the run ended in the third remove's prepare");
        long removes = r.ops().get(OpKind.REMOVE).count();
        assertEquals(2, removes, "the removes begun in the window");
        assertEquals(removes, seriesSum(r, OpKind.REMOVE), "timeSeries agrees with the count");
        assertEquals(2, r.groundTruth().ops().get(OpKind.REMOVE).count(), "the ground truth: the removes performed");
        assertEquals(3, r.ops().get(OpKind.STAT).count(), "the third iteration's stat began in the window");
        assertEquals(3, seriesSum(r, OpKind.STAT));
        assertEquals(2, r.iterations().count(), "the iteration the end cut short is not counted");
        assertEquals(2, e.workers().get(0).iterationHistogram.getTotalCount(), "the closed loop times what it counts");
        assertEquals(0, r.ops().get(OpKind.REMOVE).errors());
    }

    @Test void withARateTheIterationCutAfterItsPrepareIsUnfinished() throws Exception {
        Engine e = engine(file(spec(OpKind.REMOVE, "r")), 60_000, 0, OptionalDouble.of(1_000_000.0));
        EdgeInPrepare op = prepare(e, 0, 0, 5, false);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(5, op.prepares, "the run ended in the fifth prepare");
        long removes = r.ops().get(OpKind.REMOVE).count();
        assertEquals(4, removes, "the removes begun in the window");
        assertEquals(removes, seriesSum(r, OpKind.REMOVE));
        assertEquals(4, r.groundTruth().ops().get(OpKind.REMOVE).count());
        assertEquals(4, r.iterations().count(), "the iteration the end cut short is not counted");
        assertTrue(r.iterations().unfinished() >= 1, "it was intended in the window and never finished: "
                + r.iterations().unfinished());
        assertFalse(r.stoppedEarly(), "the window ended, nobody stopped it");
    }

    @Test void anIterationWhoseFirstOpStartsInTheWindowAfterItsPrepareCounts() throws Exception {
        // the third remove's prepare runs into the window: that remove and its iteration count, the two before do not
        Engine e = engine(file(spec(OpKind.REMOVE, "r")), 60_000, 100, OptionalDouble.empty());
        EdgeInPrepare op = prepare(e, 0, 3, 6, false);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(6, op.prepares);
        assertEquals(3, r.ops().get(OpKind.REMOVE).count(), "the third, fourth and fifth remove");
        assertEquals(5, r.groundTruth().ops().get(OpKind.REMOVE).count(), "the warm-up's two performed too");
        assertEquals(3, r.iterations().count(), "one iteration per remove counted");
        assertEquals(3, e.workers().get(0).iterationHistogram.getTotalCount(), "the closed loop times what it counts");
    }

    @Test void withARateAnIterationIntendedInTheWarmupWhoseFirstOpStartsInTheWindowCountsUntimed() throws Exception {
        // at 5/s after a 100 ms warm-up: GO's iteration is intended in the warm-up, its prepare runs into the window;
        // the next, intended 200 ms after GO, ends the run in its prepare
        Engine e = engine(file(spec(OpKind.REMOVE, "r")), 60_000, 100, OptionalDouble.of(5.0));
        EdgeInPrepare op = prepare(e, 0, 1, 2, false);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(1, r.ops().get(OpKind.REMOVE).count());
        assertEquals(1, r.iterations().count(), "begun in the window, as its remove");
        assertEquals(2, op.prepares);
        assertEquals(0, r.iterations().timed(), "intended in the warm-up: not timed");
        assertEquals(1, r.iterations().unfinished(), "the one the end cut short after its prepare");
    }
}
