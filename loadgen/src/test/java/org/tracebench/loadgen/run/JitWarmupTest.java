package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JIT-idle check reads this JVM's real compiler threads. */
class JitWarmupTest {
    @Test void compilerThreadsHaveUsedCpuByNow() {
        // A JVM that has loaded JUnit has compiled hundreds of methods; -1 would mean /proc/self/task was misread.
        long nanos = JitWarmup.compilerCpuNanos();
        assertTrue(nanos > 1_000_000, "compiler threads' CPU time " + nanos + " ns");
    }

    @Test void anIdleJitIsSeenAsIdleWellBeforeTheLimit() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        assertTrue(JitWarmup.awaitIdle(deadline), "the JIT did not go idle for 30 ms within 5 s");
    }

    @Test void aWarmUpOfTheSettleLimitOrLongerReplacesTheWaitAndTheSummarySaysSo() {
        assertEquals(JitWarmup.SETTLE_LIMIT_NANOS, JitWarmup.settleLimitNanos(0));
        assertEquals(JitWarmup.SETTLE_LIMIT_NANOS - 100_000_000L, JitWarmup.settleLimitNanos(100_000_000L));
        assertEquals(0, JitWarmup.settleLimitNanos(1_000_000_000L));
        String none = new JitWarmup.Report(10, 2, 300_000_000L, 0, 0, false).toString();
        assertTrue(none.contains("no wait for the JIT"), none);
        String waited = new JitWarmup.Report(10, 2, 300_000_000L, 400_000_000L, 120_000_000L, true).toString();
        assertTrue(waited.contains("120 ms until the JIT was idle"), waited);
    }

    @Test void compilerCpuBetweenCountsNewThreadsFromZeroAndEndedThreadsAsNothing() {
        Map<String, Long> a = Map.of("11", 100L, "12", 50L);
        Map<String, Long> b = Map.of("11", 130L, "13", 7L); // 12 ended, 13 started
        assertEquals(30 + 7, JitWarmup.compilerCpuBetween(a, b));
        assertEquals(-1, JitWarmup.compilerCpuBetween(null, b));
        assertEquals(0, JitWarmup.compilerCpuBetween(b, b));
    }

    @Test void theSnapshotHasTheRunningCompilerThreads() {
        Map<String, Long> m = JitWarmup.compilerCpuByThread();
        assertTrue(m != null && !m.isEmpty(), "no C1/C2 compiler thread found in /proc/self/task: " + m);
        assertEquals(JitWarmup.compilerCpuNanos(), m.values().stream().mapToLong(Long::longValue).sum(), 50_000_000.0,
                "the sum and the snapshot read the same threads");
    }
}
