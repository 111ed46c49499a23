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
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.task.TaskFile;

/** The open loop's schedule: where it starts. */
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
}
