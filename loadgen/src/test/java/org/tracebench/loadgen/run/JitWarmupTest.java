package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
