package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.task.TaskFile;

/** The open loop's schedule: where it starts, what it counts, and tiny rates. */
class OpenLoopScheduleTest {
    @TempDir Path root;

    private Engine engine(TaskFile t, int workers, long durationMs, long warmupMs, double rate) throws Exception {
        Engine e = new Engine(new RunConfig(t, workers, Duration.ofMillis(durationMs), Duration.ofMillis(warmupMs),
                OptionalDouble.of(rate), root, List.of(), false, false, "POSIX_SPAWN"));
        e.prepare();
        return e;
    }

    @Test void goIsTakenOnlyOnceEveryWorkerThreadRuns() throws Exception {
        // worker 0's first iteration is intended at GO: read before the threads started (until 2026-12-07), GO put
        // their start-up into that iteration's latency, the reported p99 and max of a run without warm-up
        Engine e = engine(file(spec(OpKind.STAT, "s{worker}")), 3, 100, 0, 10.0);
        e.run();
        e.cleanup();
        assertEquals(3, e.workers().size());
        for (Worker w : e.workers()) {
            assertTrue(w.startedNanos != 0 && w.startedNanos <= e.goNanos(), "worker " + w.id + " started at "
                    + w.startedNanos + ", after GO " + e.goNanos());
        }
    }

    @Test void aBacklogFromTheWarmupBegunInTheWindowIsCounted() throws Exception {
        // no exec keeps up with a million a second: every iteration begun in the window was intended in the warm-up.
        // They are the window's work (its ops count), so they count as iterations; only their latency is left out
        Engine e = engine(file(spec(OpKind.EXECUTE_SUBPROC, TestTasks.trueBinary())), 1, 200, 100, 1_000_000.0);
        LoadResult r = e.run();
        e.cleanup();
        long ops = r.ops().get(OpKind.EXECUTE_SUBPROC).count();
        assertTrue(ops > 0, "execs in the window");
        assertEquals(0, r.iterations().failed());
        assertEquals(ops, r.iterations().count(), "one exec per iteration begun in the window");
        assertEquals(ops / r.durationSeconds(), r.iterations().perSecond(), 1e-6);
        assertTrue(r.iterations().timed() >= 0 && r.iterations().timed() <= ops, "timed: " + r.iterations().timed());
        assertEquals(r.iterations().timed(), r.iterations().toJson().get("timed"));
    }

    @Test void theLoadTableMarksTheIterationPercentilesTheUnfinishedMakeLowerBounds() throws Exception {
        // a million execs a second: nearly every intended one is unfinished, so every percentile is a lower bound
        Engine e = engine(file(spec(OpKind.EXECUTE_SUBPROC, TestTasks.trueBinary())), 1, 100, 0, 1_000_000.0);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(java.util.Map.of("p50", true, "p90", true, "p99", true, "p999", true, "max", true),
                r.iterations().latencyLowerBound());
        String table = org.tracebench.loadgen.result.ResultTable.format(r);
        String its = table.lines().filter(l -> l.startsWith("(iterations)")).findFirst().orElseThrow();
        assertEquals(4, its.split("≥", -1).length - 1, "p50, p99, p99.9 and max marked: " + its);
        assertTrue(table.lines().filter(l -> l.startsWith("execute-subproc")).noneMatch(l -> l.contains("≥")), table);
    }

    @Test void aTinyRateWithManyWorkersRunsOnlyWorkerZerosFirstIteration() throws Exception {
        // at 1e-9/s one interval is 1e18 ns: interval * id wrapped for workers 10 and 11 (until 2026-12-07), which
        // then ran an iteration at once, intended before GO: 3 stats, 1 iteration
        Engine e = engine(file(spec(OpKind.STAT, "s{worker}")), 12, 150, 0, 1e-9);
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(1, r.ops().get(OpKind.STAT).count(), "only worker 0's iteration is due in the window");
        assertEquals(1, r.iterations().count());
        assertEquals(0, r.iterations().unfinished());
    }

    @Test void theScheduleSaturatesInsteadOfWrapping() {
        assertEquals(Long.MAX_VALUE, Schedule.plus(Long.MAX_VALUE - 5, Long.MAX_VALUE));
        assertEquals(7, Schedule.plus(3, 4));
        assertEquals(250, Schedule.offset(1000, 3, 12));
        long o = Schedule.offset(Long.MAX_VALUE, 11, 12);
        assertTrue(o > Long.MAX_VALUE / 12 * 10 && o < Long.MAX_VALUE, "11/12 of the interval: " + o);
        assertEquals(Long.MAX_VALUE, Schedule.firstAtOrAfter(100, 200, Long.MAX_VALUE - 50));
        assertEquals(300, Schedule.firstAtOrAfter(100, 201, 100));
        assertEquals(200, Schedule.firstAtOrAfter(100, 200, 100));
    }
}
